from odoo.fields import Command
from odoo.tests import HttpCase, tagged, warmup

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.qsr_simalto.tests.common import SimaltoCommon

from .common import results_page


@tagged("post_install", "-at_install")
class TestPortalResults(HttpCase, SimaltoCommon):
    """Three accounts answer the worked example's grid in wave 2040 Q1 and their
    results are compiled and published: Alpha Industries (A, an executive, and
    B, an operational user, as in SIMALTO.md), Beta Logistics (C, a senior
    decision maker) and Gamma Foods (G, an influencer). A contact of Alpha and
    one of Beta have portal access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.wave = env["qsr.wave"].create(
            {"name": "2040 Q1", "date_start": "2040-01-01", "date_end": "2040-03-31"}
        )
        cls._answer_worked_example()
        cls.review_b.write(
            {
                "grid_id": cls.grid.id,
                "review_type": "simalto",
                "sponsor_id": cls.user_sponsor.id,
            }
        )
        cls.account_g = env["res.partner"].create(
            {
                "name": "Gamma Foods",
                "is_company": True,
                "qsr_tier_id": cls.tier_key.id,
            }
        )
        cls.contact_g = env["res.partner"].create(
            {
                "name": "Gina Green",
                "parent_id": cls.account_g.id,
                "qsr_contact_level": "influencer",
            }
        )
        cls.review_g = env["qsr.review"].create(
            {
                "partner_id": cls.account_g.id,
                "review_type": "simalto",
                "grid_id": cls.grid.id,
                "participant_ids": [Command.create({"partner_id": cls.contact_g.id})],
            }
        )
        (cls.review_b | cls.review_g).action_next_stage()  # collect
        cls.response_c = cls.review_b.response_ids
        cls.response_g = cls.review_g.response_ids
        rt, inf = cls.response_time, cls.in_full
        # C: 6 points on Response time, then 5 on Delivered in full
        rounds = [{rt: 3}, {inf: 4}]
        cls._answer(cls.response_c, {rt: (2, 3, 4), inf: (3, 2, 4)}, rounds)
        # G: 6 points on Response time, then 4 on Delivered in full
        rounds = [{rt: 3}, {inf: 3}]
        cls._answer(cls.response_g, {rt: (2, 3, 4), inf: (2, 2, 3)}, rounds)
        cls.reviews = cls.review | cls.review_b | cls.review_g
        cls.reviews.response_ids.action_submit()
        cls.reviews.action_next_stage()  # compile
        cls.reviews.wave_id = cls.wave
        cls.reviews.results_published = True  # shared with the customers
        cls.review.note = "<p>Internal: margin on Alpha is thin</p>"

        Gap = env["qsr.gap"]
        cls.gap_visible, cls.gap_internal, cls.gap_b = Gap.create(
            [
                {
                    "name": "Call back within the hour",
                    "review_id": cls.review.id,
                    "user_id": cls.user_am_a.id,
                    "date_deadline": "2040-02-15",
                    "customer_visible": True,
                    "description": "<p>Internal: needs two more agents</p>",
                },
                {
                    "name": "Renegotiate Alpha's discount",
                    "review_id": cls.review.id,
                    "user_id": cls.user_am_a.id,
                },
                {
                    "name": "Dock slots for Beta's trucks",
                    "review_id": cls.review_b.id,
                    "user_id": cls.user_am_b.id,
                    "customer_visible": True,
                    "state": "progress",
                },
            ]
        )

        cls.portal_a = mail_new_test_user(
            env, login="t_results_a", name="Pia Alpha", groups="base.group_portal"
        )
        cls.portal_b = mail_new_test_user(
            env, login="t_results_b", name="Paul Beta", groups="base.group_portal"
        )
        cls.portal_a.partner_id.parent_id = cls.account_a
        cls.portal_b.partner_id.parent_id = cls.account_b
        cls.env.flush_all()

    # expected figures of Response time, formatted as the page shows them
    ALPHA_PRIORITY = f"{100 * (4 * 10 / 14 + 6 / 13) / 5:.1f}"  # 66.4
    BETA_PRIORITY = f"{100 * 6 / 11:.1f}"  # 54.5
    PORTFOLIO_PRIORITY = (
        f"{100 * (4 * 10 / 14 + 6 / 13 + 3 * 6 / 11 + 2 * 6 / 10) / 10:.1f}"  # 61.5
    )
    PORTFOLIO_DISTRESS = f"{100 * (4 + 3 + 2) / 10:.0f}%"  # A, C and G: 90%

    def test_alpha_sees_its_results_and_shared_gaps_only(self):
        page = results_page(self, "t_results_a")
        self.assertIn("Alpha Industries", page)
        self.assertIn("Response time", page)
        self.assertIn(self.ALPHA_PRIORITY, page)
        self.assertIn("80%", page)  # Alpha in distress on Response time
        self.assertIn(self.PORTFOLIO_PRIORITY, page)
        self.assertIn(self.PORTFOLIO_DISTRESS, page)
        self.assertIn("Call back within the hour", page)
        self.assertIn("Anna Manager", page)
        self.assertIn("02/15/2040", page)
        for hidden in (
            "Renegotiate Alpha",  # a gap not shared with the customer
            "needs two more agents",  # a gap's internal description
            "margin on Alpha",  # the review's internal notes
            "Beta Logistics",
            "Dock slots",
            "Gamma Foods",
            self.BETA_PRIORITY,
            "Tier",  # how we class the account
        ):
            self.assertNotIn(hidden, page)

    def test_beta_sees_its_own_results_only(self):
        page = results_page(self, "t_results_b")
        self.assertIn("Beta Logistics", page)
        self.assertIn(self.BETA_PRIORITY, page)
        self.assertIn(self.PORTFOLIO_PRIORITY, page)
        self.assertIn("Dock slots for Beta", page)
        for hidden in (
            "Alpha Industries",
            "Call back within the hour",
            "Gamma Foods",
            self.ALPHA_PRIORITY,
        ):
            self.assertNotIn(hidden, page)

    def test_no_norm_over_too_few_accounts(self):
        """With two accounts in the portfolio, Alpha could work Beta's figures
        out of the norm: it is left out."""
        self.response_g.state = "progress"
        self.env.flush_all()
        page = results_page(self, "t_results_a")
        self.assertIn(self.ALPHA_PRIORITY, page)
        two_accounts = 100 * (4 * 10 / 14 + 6 / 13 + 3 * 6 / 11) / 8
        self.assertNotIn(f"{two_accounts:.1f}", page)
        self.assertIn("once at least 3 customers have answered", page)

    def test_counter_on_my_home(self):
        self.authenticate("t_results_a", "t_results_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["qsr_result_count"]}
        )
        self.assertEqual(counters["qsr_result_count"], 1)
        page = self.url_open("/my/home").text
        self.assertIn("/my/qsr/results", page)

    def test_anonymous_goes_to_login(self):
        response = self.url_open("/my/qsr/results", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_benchmark_on_the_review_and_the_account(self):
        html = str(self.review.with_user(self.user_am_a).benchmark_html)
        for column in ("This account", "Tier: Key", "Portfolio"):
            self.assertIn(column, html)
        self.assertIn("Response time", html)
        self.assertIn(self.ALPHA_PRIORITY, html)
        # tier Key: Alpha and Gamma; portfolio: the three accounts
        tier = 100 * (4 * 10 / 14 + 6 / 13 + 2 * 6 / 10) / 7
        self.assertIn(f"{tier:.1f}", html)
        self.assertIn(self.PORTFOLIO_PRIORITY, html)
        self.assertIn("2040 Q1", html)
        html = str(self.account_a.with_user(self.user_am_a).qsr_benchmark_html)
        self.assertIn("Tier: Key", html)
        self.assertIn("2040 Q1", html)  # the latest wave the account answered in
        self.assertIn(self.ALPHA_PRIORITY, html)
        # Bert does not manage Alpha: he sees none of its figures
        html = str(self.account_a.with_user(self.user_am_b).qsr_benchmark_html)
        self.assertNotIn(self.ALPHA_PRIORITY, html)

    @warmup
    def test_query_count(self):
        """The page runs as many queries for either account, whatever the
        number of its reviews, respondents and gaps."""
        for login in ("t_results_a", "t_results_b"):
            self.authenticate(login, login)
            with self.subTest(login=login):
                with self.assertQueryCount(25):
                    res = self.url_open("/my/qsr/results")
                self.assertEqual(res.status_code, 200)
                self.assertIn("Response time", res.text)
