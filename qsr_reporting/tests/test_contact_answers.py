from lxml import etree

from odoo.tests import tagged

from .common import ReportCommon


@tagged("post_install", "-at_install")
class TestContactAnswers(ReportCommon):
    """Each contact's last answers by wave on the relationship map: Alpha's
    executive (A) and operational user (B) answer in two waves, Beta's senior
    buyer (C) in the first only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wave_1, cls.wave_2 = cls._create_two_waves()
        (cls.review | cls.review_b).write(
            {"wave_id": cls.wave_1.id, "meeting_date": "2041-02-10 09:00:00"}
        )
        cls.following = cls._answer_next_wave(cls.wave_2)
        cls.response_a2 = cls.following.response_ids.filtered(
            lambda r: r.partner_id == cls.contact_a_exec
        )

    def _expected(self, response):
        """A single grid's figures, from the grid itself."""
        return {
            "performance": response.performance,
            "distress_share": response.distress_count / len(response.line_ids),
        }

    def test_by_wave(self):
        rows = self.contact_a_exec._qsr_answers_by_wave()[self.contact_a_exec.id]
        self.assertEqual([row["wave"] for row in rows], [self.wave_2, self.wave_1])
        for row, response in zip(
            rows, (self.response_a2, self.response_a), strict=True
        ):
            expected = self._expected(response)
            self.assertAlmostEqual(row["performance"], expected["performance"])
            self.assertAlmostEqual(row["distress_share"], expected["distress_share"])
            self.assertEqual(row["responses"], 1)
        # the worked example: A gets response time below what they accept,
        # delivered in full at it: one row of two in distress
        self.assertAlmostEqual(rows[1]["distress_share"], 0.5)

    def test_latest_on_the_contact(self):
        contacts = self.contact_a_exec | self.contact_a_user | self.contact_b
        contacts = contacts.with_user(self.user_director)
        exec_, user, buyer = contacts
        self.assertEqual(exec_.qsr_answer_wave_id, self.wave_2)
        self.assertAlmostEqual(
            exec_.qsr_answer_performance, self.response_a2.performance
        )
        self.assertAlmostEqual(
            exec_.qsr_answer_distress_share,
            self._expected(self.response_a2)["distress_share"],
        )
        self.assertEqual(user.qsr_answer_wave_id, self.wave_2)
        self.assertEqual(buyer.qsr_answer_wave_id, self.wave_1)
        self.assertIn("2041 Q1", exec_.qsr_answers_html)
        self.assertIn("2041 Q2", exec_.qsr_answers_html)
        # the account itself has no answers of its own
        self.assertFalse(self.account_a.qsr_answer_wave_id)

    def test_same_as_account_report(self):
        """Beta's only respondent: the contact's figures are the account's in
        the accounts-by-wave analysis of the same responses."""
        [(performance, distress)] = (
            self.env["qsr.report.account.wave"]
            .sudo()
            ._read_group(
                [("account_id", "=", self.account_b.id)],
                [],
                ["performance:avg", "distress_share:avg"],
            )
        )
        self.assertAlmostEqual(self.contact_b.qsr_answer_performance, performance)
        self.assertAlmostEqual(self.contact_b.qsr_answer_distress_share, distress)

    def test_kanban_card(self):
        kanban = self.env.ref("qsr_review.res_partner_view_kanban_relationship_map")
        views = (
            self.env["res.partner"]
            .with_user(self.user_am_a)
            .get_views([(kanban.id, "kanban"), (False, "form")])["views"]
        )
        card = etree.fromstring(views["kanban"]["arch"])
        for fname in (
            "qsr_answer_wave_id",
            "qsr_answer_performance",
            "qsr_answer_distress_share",
        ):
            self.assertTrue(card.xpath(f"//field[@name='{fname}']"), fname)
        form = etree.fromstring(views["form"]["arch"])
        self.assertTrue(form.xpath("//field[@name='qsr_answers_html']"))
