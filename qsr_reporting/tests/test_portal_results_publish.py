import importlib.util
from os.path import join

from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.qsr_review.tests.common import new_portal_contact

from .common import ReportCommon, results_page

PREPARED = "The results of your latest service review are being prepared."


def _migration(version, name):
    """A migration script of qsr_review, loaded as a module."""
    path = join(get_module_path("qsr_review"), "migrations", version, f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"qsr_review_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestPortalResultsPublish(HttpCase, ReportCommon):
    """Alpha Industries (A and B) and Beta Logistics (C) have answered the
    worked example and their results are compiled; a contact of each account
    has a portal login. The customers see their results once the account
    manager publishes them."""

    # Response time, formatted as the results page shows it
    ALPHA_PRIORITY = f"{100 * (4 * 10 / 14 + 6 / 13) / 5:.1f}"  # 66.4
    BETA_PRIORITY = f"{100 * 6 / 11:.1f}"  # 54.5

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reviews = cls.review | cls.review_b
        cls.reviews.write({"stage": "compile", "sponsor_id": cls.user_sponsor.id})
        cls.contact_a_exec.write({"email": "alice@alpha.example.com", "lang": "en_US"})
        cls.contact_b.email = "bob@beta.example.com"
        new_portal_contact(cls.env, cls.account_a, "t_pub_a", "Pia Alpha")
        new_portal_contact(cls.env, cls.account_b, "t_pub_b", "Paul Beta")
        cls.env.flush_all()

    def _count(self, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/my/counters", {"counters": ["qsr_result_count"]}
        )["qsr_result_count"]

    def _meet(self, review):
        review.write({"stage": "meet", "meeting_date": "2040-02-01 09:00:00"})

    def _assert_no_results(self, page, *figures):
        self.assertIn(PREPARED, page)
        self.assertNotIn("o_qsr_result_row", page)
        self.assertNotIn("Response time", page)
        self.assertNotIn("Service performance", page)
        for figure in figures:
            self.assertNotIn(figure, page)

    def test_nothing_before_publishing(self):
        for login, own in (("t_pub_a", "Alpha"), ("t_pub_b", "Beta")):
            with self.subTest(login=login):
                page = results_page(self, login)
                self.assertIn(own, page)
                self._assert_no_results(page, self.ALPHA_PRIORITY, self.BETA_PRIORITY)
                self.assertEqual(self._count(login), 0)

    def test_publish_one_account_then_the_other(self):
        self._meet(self.reviews)
        self.review.with_user(self.user_am_a).action_publish_results()
        self.env.flush_all()
        page = results_page(self, "t_pub_a")
        self.assertNotIn(PREPARED, page)
        self.assertIn("Response time", page)
        self.assertIn(self.ALPHA_PRIORITY, page)
        self.assertNotIn("Beta Logistics", page)
        self.assertEqual(self._count("t_pub_a"), 1)
        # Beta sees neither Alpha's results nor, unpublished, its own
        page = results_page(self, "t_pub_b")
        self._assert_no_results(page, self.ALPHA_PRIORITY, self.BETA_PRIORITY)
        self.assertNotIn("Alpha Industries", page)
        self.assertEqual(self._count("t_pub_b"), 0)

        self.review_b.with_user(self.user_am_b).action_publish_results()
        self.env.flush_all()
        page = results_page(self, "t_pub_b")
        self.assertNotIn(PREPARED, page)
        self.assertIn(self.BETA_PRIORITY, page)
        self.assertNotIn(self.ALPHA_PRIORITY, page)
        self.assertNotIn("Alpha Industries", page)
        self.assertEqual(self._count("t_pub_b"), 1)

    def test_publish_mails_the_participants(self):
        self._meet(self.review)
        before = self.env["mail.mail"].search([]).ids
        self.review.with_user(self.user_am_a).action_publish_results()
        self.assertTrue(self.review.results_published)
        self.assertTrue(self.review.date_results_published)
        mails = self.env["mail.mail"].search([("id", "not in", before)])
        # Alice has an email address; Oscar, without one, is not mailed
        self.assertEqual(mails.recipient_ids, self.contact_a_exec)
        self.assertEqual(mails.model, "qsr.review.participant")
        self.assertEqual(
            mails.res_id,
            self.review.participant_ids.filtered(
                lambda p: p.partner_id == self.contact_a_exec
            ).id,
        )
        self.assertIn("the results of your service review are ready", mails.subject)
        base_url = self.review.get_base_url()
        self.assertIn(f'href="{base_url}/my/qsr/results"', mails.body_html)
        self.assertIn("Alice Exec", mails.body_html)
        self.assertNotIn("Willingness", mails.body_html)
        note = self.review.message_ids.filtered(
            lambda m: "Results published to the customer" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Alice Exec", note.body)
        self.assertNotIn("Oscar", note.body)

    def test_publish_before_the_meeting(self):
        review = self.review.with_user(self.user_am_a)
        self.assertFalse(review.can_publish_results)
        with self.assertRaisesRegex(UserError, "from the stage Meet Customer on"):
            review.action_publish_results()
        self.assertFalse(review.results_published)
        # the setting allows it from Compile Results on
        self.env["ir.config_parameter"].set_param("qsr_review.publish_at_compile", True)
        review.invalidate_recordset(["can_publish_results"])
        self.assertTrue(review.can_publish_results)
        self.review_b.stage = "collect"
        with self.assertRaises(UserError):
            self.review_b.with_user(self.user_am_b).action_publish_results()
        review.action_publish_results()
        self.assertTrue(review.results_published)
        self.assertFalse(review.can_publish_results)
        self.env.flush_all()
        self.assertIn(self.ALPHA_PRIORITY, results_page(self, "t_pub_a"))

    def test_confidential_never_published(self):
        self._meet(self.review)
        self.review.confidential = True
        self.assertFalse(self.review.can_publish_results)
        with self.assertRaisesRegex(UserError, "confidential"):
            self.review.action_publish_results()

    def test_unpublish(self):
        self._meet(self.review)
        self.review.with_user(self.user_am_a).action_publish_results()
        with (
            mute_logger("odoo.addons.base.models.ir_model"),
            self.assertRaises(AccessError),
        ):
            self.review.with_user(self.user_am_a).action_unpublish_results()
        self.assertTrue(self.review.results_published)
        self.review.with_user(self.user_director).action_unpublish_results()
        self.assertFalse(self.review.results_published)
        self.assertFalse(self.review.date_results_published)
        self.assertTrue(self.review.can_publish_results)
        self.env.flush_all()
        self._assert_no_results(results_page(self, "t_pub_a"), self.ALPHA_PRIORITY)
        self.assertEqual(self._count("t_pub_a"), 0)

    def test_newer_review_waits_for_publishing(self):
        """Alpha answers again in a later wave: until that review is
        published, the page shows the earlier published results and says the
        latest are being prepared, without the changes between the two."""
        wave_1, wave_2 = self._create_two_waves()
        self.review.write({"wave_id": wave_1.id, "results_published": True})
        self._meet(self.review)
        following = self._answer_next_wave(wave_2)
        page = results_page(self, "t_pub_a")
        self.assertIn(PREPARED, page)
        self.assertIn("2041 Q1", page)
        self.assertIn(self.ALPHA_PRIORITY, page)
        self.assertNotIn("2041 Q2", page)
        self.assertNotIn("Since the last review", page)

        following.write({"stage": "meet", "sponsor_id": self.user_sponsor.id})
        following.action_publish_results()
        self.env.flush_all()
        page = results_page(self, "t_pub_a")
        self.assertNotIn(PREPARED, page)
        self.assertIn("2041 Q2", page)
        self.assertIn("Since the last review", page)

    def test_search_filters(self):
        self._meet(self.review)
        self.review.action_publish_results()
        Review = self.env["qsr.review"]
        published = Review.search(
            [("id", "in", self.reviews.ids), ("results_published", "=", True)]
        )
        self.assertEqual(published, self.review)

    def test_migration_publishes_what_the_portal_showed(self):
        """18.0.1.3.0: the reviews whose results the portal showed (Compile
        Results and later, not cancelled, not confidential) are published as
        of their last change; the others stay unpublished."""
        council = self.review_b.copy({"review_type": "council", "confidential": True})
        collecting = self.review_b.copy()
        cancelled = self.review_b.copy()
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE qsr_review SET stage = 'collect' WHERE id = %s;
               UPDATE qsr_review SET stage = 'cancel' WHERE id = %s;
               UPDATE qsr_review SET stage = 'done' WHERE id = %s""",
            (collecting.id, cancelled.id, council.id),
        )
        self.env.invalidate_all()
        self.assertTrue(council.confidential)
        migration = _migration("18.0.1.3.0", "post-migrate")
        self.assertGreaterEqual(migration.publish_shown_results(self.env.cr), 2)
        self.env.invalidate_all()
        for review in self.reviews:
            self.assertTrue(review.results_published)
            self.assertEqual(review.date_results_published, review.write_date)
        for review in council | collecting | cancelled:
            self.assertFalse(review.results_published)
        # run again, it changes nothing
        self.assertEqual(migration.publish_shown_results(self.env.cr), 0)
        self.env.flush_all()
        self.assertIn(self.ALPHA_PRIORITY, results_page(self, "t_pub_a"))
