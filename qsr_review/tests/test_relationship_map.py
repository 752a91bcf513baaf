from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import QsrReviewCommon, new_account, new_portal_contact

FLAGS = (
    "qsr_flag_no_executive_answer",
    "qsr_flag_uncovered_decision_maker",
    "qsr_flag_executive_critic",
    "qsr_flag_sponsor_no_counterpart",
)


@tagged("post_install", "-at_install")
class TestRelationshipMap(QsrReviewCommon):
    """Alpha Industries (an executive, Alice, and an operational user, Oscar)
    and Beta Logistics (a senior buyer, Bob), each with a review in a wave
    that started a month ago; a wave of last year and one not started yet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.wave_old, cls.wave_now, cls.wave_next = cls.env["qsr.wave"].create(
            [
                {
                    "name": "Last year",
                    "date_start": today - timedelta(days=400),
                    "date_end": today - timedelta(days=300),
                },
                {
                    "name": "This wave",
                    "date_start": today - timedelta(days=30),
                    "date_end": today + timedelta(days=30),
                },
                {
                    "name": "Next wave",
                    "date_start": today + timedelta(days=31),
                    "date_end": today + timedelta(days=90),
                },
            ]
        )
        (cls.review_a | cls.review_b).write({"wave_id": cls.wave_now.id})
        cls.part_a_exec = cls.review_a.participant_ids.filtered(
            lambda p: p.partner_id == cls.contact_a_exec
        )
        cls.accounts = cls.account_a | cls.account_b
        # an account without any contact or review raises no flag
        cls.account_empty = new_account(cls.env, "Empty Account", cls.tier_key)

    def _flags(self, account):
        account.invalidate_recordset()
        return {fname for fname in FLAGS if account[fname]}

    def _found(self, domain):
        """The test accounts the domain finds."""
        everyone = self.accounts | self.account_empty
        return self.env["res.partner"].search([("id", "in", everyone.ids), *domain])

    # flags

    def test_no_executive_answer(self):
        # Alice was invited in this wave, has not answered yet
        self.part_a_exec.state = "invited"
        self.assertIn("qsr_flag_no_executive_answer", self._flags(self.account_a))
        self.assertIn(
            "No executive answered", self.account_a.qsr_coverage_warning or ""
        )
        self.part_a_exec.state = "responded"
        self.assertNotIn("qsr_flag_no_executive_answer", self._flags(self.account_a))
        # Beta's only participant is senior: nobody of executive level answered
        self.review_b.participant_ids.state = "responded"
        self.assertIn("qsr_flag_no_executive_answer", self._flags(self.account_b))
        # an executive who answered in an earlier wave does not count
        self.review_a.wave_id = self.wave_old
        self.env["qsr.review"].create(
            {
                "partner_id": self.account_a.id,
                "wave_id": self.wave_now.id,
                "participant_ids": [
                    Command.create(
                        {"partner_id": self.contact_a_exec.id, "state": "declined"}
                    )
                ],
            }
        )
        self.assertIn("qsr_flag_no_executive_answer", self._flags(self.account_a))

    def test_no_executive_answer_council(self):
        """At a council the account hosts, another account's executive who
        answered does not cover it."""
        self.part_a_exec.state = "invited"
        self.env["qsr.review"].create(
            {
                "partner_id": self.account_a.id,
                "review_type": "council",
                "council_account_ids": [Command.set(self.accounts.ids)],
                "wave_id": self.wave_now.id,
                "participant_ids": [
                    Command.create(
                        {
                            "partner_id": self.contact_b.id,
                            "contact_level": "executive",
                            "state": "responded",
                        }
                    )
                ],
            }
        )
        self.assertIn("qsr_flag_no_executive_answer", self._flags(self.account_a))
        self.part_a_exec.state = "responded"
        self.assertNotIn("qsr_flag_no_executive_answer", self._flags(self.account_a))

    def test_no_executive_answer_latest_started_wave(self):
        self.part_a_exec.state = "responded"
        # a review planned in a wave that has not started yet is not "this wave"
        planned = self.env["qsr.review"].create(
            {"partner_id": self.account_a.id, "wave_id": self.wave_next.id}
        )
        self.assertNotIn("qsr_flag_no_executive_answer", self._flags(self.account_a))
        # a cancelled review does not make its wave the account's latest
        self.review_a.stage = "cancel"
        planned.wave_id = self.wave_old
        self.assertIn("qsr_flag_no_executive_answer", self._flags(self.account_a))
        # an account with no review in any wave: nothing to judge
        self.assertFalse(self._flags(self.account_empty))

    def test_uncovered_decision_maker(self):
        self.assertNotIn(
            "qsr_flag_uncovered_decision_maker", self._flags(self.account_b)
        )
        self.contact_b.qsr_buying_role = "decision_maker"
        self.assertIn("qsr_flag_uncovered_decision_maker", self._flags(self.account_b))
        self.assertIn(
            "Decision maker without an owner on our side: Bob Buyer.",
            self.account_b.qsr_coverage_warning,
        )
        self.contact_b.qsr_covered_by_id = self.user_am_b
        self.assertNotIn(
            "qsr_flag_uncovered_decision_maker", self._flags(self.account_b)
        )
        # an archived contact is no longer a gap
        self.contact_b.qsr_covered_by_id = False
        self.contact_b.active = False
        self.assertNotIn(
            "qsr_flag_uncovered_decision_maker", self._flags(self.account_b)
        )

    def test_executive_critic(self):
        self.contact_a_user.qsr_attitude = "critic"
        self.assertNotIn("qsr_flag_executive_critic", self._flags(self.account_a))
        self.contact_a_exec.qsr_attitude = "critic"
        self.assertIn("qsr_flag_executive_critic", self._flags(self.account_a))
        self.assertIn(
            "Critic at executive level: Alice Exec.",
            self.account_a.qsr_coverage_warning,
        )
        self.contact_a_exec.qsr_attitude = "neutral"
        self.assertNotIn("qsr_flag_executive_critic", self._flags(self.account_a))

    def test_sponsor_no_counterpart(self):
        self.assertNotIn("qsr_flag_sponsor_no_counterpart", self._flags(self.account_a))
        self.account_a.qsr_sponsor_id = self.user_sponsor
        self.assertIn("qsr_flag_sponsor_no_counterpart", self._flags(self.account_a))
        self.assertIn("Victor Sponsor", self.account_a.qsr_coverage_warning)
        # the executive is covered, but by the account manager
        self.contact_a_exec.qsr_covered_by_id = self.user_am_a
        self.assertIn("qsr_flag_sponsor_no_counterpart", self._flags(self.account_a))
        # the operational user covered by the sponsor is no counterpart
        self.contact_a_user.qsr_covered_by_id = self.user_sponsor
        self.assertIn("qsr_flag_sponsor_no_counterpart", self._flags(self.account_a))
        self.contact_a_exec.qsr_covered_by_id = self.user_sponsor
        self.assertNotIn("qsr_flag_sponsor_no_counterpart", self._flags(self.account_a))

    def test_no_flag_on_contacts(self):
        self.contact_a_exec.qsr_attitude = "critic"
        self.assertFalse(self._flags(self.contact_a_exec))
        self.assertFalse(self.contact_a_exec.qsr_coverage_warning)

    # filters

    def _raise_mixed_flags(self):
        """Alpha: no executive answer and an executive critic; Beta: an
        uncovered decision maker and a sponsor without counterpart."""
        self.part_a_exec.state = "invited"
        self.contact_a_exec.qsr_attitude = "critic"
        self.review_b.participant_ids.state = "responded"
        self.contact_b.qsr_contact_level = "executive"
        self.review_b.participant_ids.contact_level = "executive"
        self.contact_b.qsr_buying_role = "decision_maker"
        self.account_b.qsr_sponsor_id = self.user_sponsor

    def test_filters(self):
        self._raise_mixed_flags()
        a, b, empty = self.account_a, self.account_b, self.account_empty
        expected = {
            "qsr_flag_no_executive_answer": a,
            "qsr_flag_uncovered_decision_maker": b,
            "qsr_flag_executive_critic": a,
            "qsr_flag_sponsor_no_counterpart": b,
        }
        for fname, flagged in expected.items():
            with self.subTest(flag=fname):
                self.assertEqual(self._found([(fname, "=", True)]), flagged)
                self.assertEqual(
                    self._found([(fname, "=", False)]), (a | b | empty) - flagged
                )
                self.assertEqual(
                    self._found([(fname, "!=", True)]), (a | b | empty) - flagged
                )
                # the computed values agree with the search, read in one batch
                batch = (a | b | empty).with_user(self.user_director)
                self.assertEqual(batch.filtered(fname), flagged)
        # clear Alpha's: the filters follow
        self.part_a_exec.state = "responded"
        self.contact_a_exec.qsr_attitude = "supporter"
        for fname in ("qsr_flag_no_executive_answer", "qsr_flag_executive_critic"):
            self.assertFalse(self._found([(fname, "=", True)]))

    def test_filter_executive_coverage(self):
        """The search view's "Accounts without executive coverage" filter."""
        view = self.env.ref("qsr_review.res_partner_view_search_key_accounts")
        arch = etree.fromstring(view.arch)
        [node] = arch.xpath("//filter[@name='no_executive_coverage']")
        domain = safe_eval(node.get("domain"))
        self.part_a_exec.state = "responded"
        self.review_b.participant_ids.state = "responded"
        self.contact_b.qsr_contact_level = "executive"
        self.review_b.participant_ids.contact_level = "executive"
        self.assertFalse(self._found(domain))
        # Alpha: the sponsor has no counterpart; Beta: no executive answered
        self.account_a.qsr_sponsor_id = self.user_sponsor
        self.review_b.participant_ids.state = "declined"
        self.assertEqual(self._found(domain), self.account_a | self.account_b)
        self.contact_a_exec.qsr_covered_by_id = self.user_sponsor
        self.assertEqual(self._found(domain), self.account_b)

    def test_filter_as_account_manager(self):
        self._raise_mixed_flags()
        Partner = self.env["res.partner"].with_user(self.user_am_a)
        found = Partner.search(
            [
                ("id", "in", self.accounts.ids),
                ("qsr_flag_executive_critic", "=", True),
            ]
        )
        self.assertEqual(found, self.account_a)

    # reports to

    def test_reports_to(self):
        self.contact_a_user.qsr_reports_to_id = self.contact_a_exec
        self.assertEqual(self.contact_a_exec.qsr_direct_report_ids, self.contact_a_user)
        with self.assertRaises(ValidationError):
            self.contact_a_user.qsr_reports_to_id = self.contact_b
        with self.assertRaises(ValidationError):
            self.contact_a_exec.qsr_reports_to_id = self.contact_a_exec
        with self.assertRaises(ValidationError):
            self.contact_a_exec.qsr_reports_to_id = self.account_a
        with self.assertRaises(ValidationError):
            self.contact_a_exec.qsr_reports_to_id = self.contact_a_user
        third = self.env["res.partner"].create(
            {
                "name": "Theo Third",
                "parent_id": self.account_a.id,
                "qsr_reports_to_id": self.contact_a_user.id,
            }
        )
        with self.assertRaises(ValidationError):
            self.contact_a_exec.qsr_reports_to_id = third
        # a manager who moves to another company leaves their reports behind
        with self.assertRaises(ValidationError):
            self.contact_a_exec.parent_id = self.account_b

    def test_internal_only(self):
        """Roles, attitudes, coverage and flags never reach a portal user."""
        self.contact_a_exec.write(
            {"qsr_attitude": "critic", "qsr_covered_by_id": self.user_am_a.id}
        )
        portal = new_portal_contact(
            self.env, self.account_a, "t_qsr_map_portal", "Paula Portal"
        )
        contact = self.contact_a_exec.with_user(portal)
        for fname in (
            "qsr_buying_role",
            "qsr_attitude",
            "qsr_covered_by_id",
            "qsr_reports_to_id",
        ):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                contact.read([fname])
        account = self.account_a.with_user(portal)
        for fname in (*FLAGS, "qsr_coverage_warning"):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                account.read([fname])
        with self.assertRaises(AccessError):
            account.search([("qsr_flag_executive_critic", "=", True)])
        # a plain internal user (no QSR rights) does not see them either
        with self.assertRaises(AccessError):
            self.contact_a_exec.with_user(self.user_internal).read(["qsr_attitude"])

    # views and action

    def test_map_action(self):
        action = self.account_a.with_user(self.user_am_a).action_qsr_relationship_map()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertIn("hierarchy", action["view_mode"])
        Partner = self.env["res.partner"].with_user(self.user_am_a)
        self.assertEqual(
            Partner.search(action["domain"]),
            self.contact_a_exec | self.contact_a_user,
        )
        # (creating contacts takes the standard Contact Creation right)
        new = (
            self.env["res.partner"]
            .with_context(**action["context"])
            .create({"name": "Nina New"})
        )
        self.assertEqual(new.commercial_partner_id, self.account_a)
        self.assertFalse(new.is_company)
        self.assertIn(new, Partner.search(action["domain"]))
        # the kanban shows every level, even without contacts
        groups = Partner.with_context(**action["context"]).read_group(
            action["domain"], ["qsr_contact_level"], ["qsr_contact_level"]
        )
        self.assertEqual(
            [(g["qsr_contact_level"], g["qsr_contact_level_count"]) for g in groups],
            [
                ("executive", 1),
                ("senior", 0),
                ("influencer", 0),
                ("operational", 1),
                (False, 1),  # Nina, no level yet
            ],
        )

    def test_views_load(self):
        Partner = self.env["res.partner"].with_user(self.user_am_a)
        hierarchy = self.env.ref(
            "qsr_review.res_partner_view_hierarchy_relationship_map"
        )
        kanban = self.env.ref("qsr_review.res_partner_view_kanban_relationship_map")
        listing = self.env.ref("qsr_review.res_partner_view_list_relationship_map")
        search = self.env.ref("qsr_review.res_partner_view_search_relationship_map")
        result = Partner.get_views(
            [
                (hierarchy.id, "hierarchy"),
                (kanban.id, "kanban"),
                (listing.id, "list"),
                (False, "form"),
                (search.id, "search"),
            ]
        )
        views = result["views"]
        arch = etree.fromstring(views["hierarchy"]["arch"])
        self.assertEqual(arch.get("parent_field"), "qsr_reports_to_id")
        self.assertEqual(arch.get("child_field"), "qsr_direct_report_ids")
        kanban_arch = etree.fromstring(views["kanban"]["arch"])
        self.assertEqual(kanban_arch.get("default_group_by"), "qsr_contact_level")
        fields_ = result["models"]["res.partner"]["fields"]
        for fname in (
            "qsr_reports_to_id",
            "qsr_direct_report_ids",
            "qsr_buying_role",
            "qsr_attitude",
            "qsr_covered_by_id",
            "qsr_coverage_warning",
        ):
            self.assertIn(fname, fields_)
        # the account form's button and banner
        form = etree.fromstring(views["form"]["arch"])
        self.assertTrue(form.xpath("//button[@name='action_qsr_relationship_map']"))
        self.assertTrue(form.xpath("//field[@name='qsr_coverage_warning']"))

    def test_participants(self):
        self.contact_a_exec.write(
            {
                "qsr_buying_role": "decision_maker",
                "qsr_attitude": "critic",
                "qsr_covered_by_id": self.user_sponsor.id,
            }
        )
        participant = self.part_a_exec.with_user(self.user_am_a)
        self.assertEqual(participant.buying_role, "decision_maker")
        self.assertEqual(participant.attitude, "critic")
        self.assertEqual(participant.covered_by_id, self.user_sponsor)
        review = self.review_a.with_user(self.user_am_a)
        self.assertEqual(review.coverage_warning, self.account_a.qsr_coverage_warning)
        self.assertIn("Critic at executive level: Alice Exec.", review.coverage_warning)
        form = etree.fromstring(
            review.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        [page] = form.xpath("//page[@name='participants']")
        self.assertTrue(page.xpath(".//field[@name='coverage_warning']"))
        columns = {
            node.get("name")
            for node in page.xpath(".//field[@name='participant_ids']/list/field")
        }
        self.assertTrue({"buying_role", "attitude", "covered_by_id"} <= columns)


@tagged("post_install", "-at_install")
class TestRelationshipMapTour(HttpCase, QsrReviewCommon):
    def test_map_in_the_browser(self):
        self.contact_a_exec.qsr_attitude = "critic"
        self.contact_a_user.qsr_reports_to_id = self.contact_a_exec
        self.start_tour(
            f"/odoo/res.partner/{self.account_a.id}",
            "qsr_relationship_map_tour",
            login="t_qsr_am_a",
        )
