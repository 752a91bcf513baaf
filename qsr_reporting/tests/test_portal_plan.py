import io
from datetime import date

from PyPDF2 import PdfReader

from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.common import cursor_modes, new_portal_contact

from .common import ReportCommon

PLAN_REPORT = "qsr_review.action_report_qsr_account_plan"
PREPARED = "The results of your latest service review are being prepared."


@tagged("post_install", "-at_install")
class TestPortalPlan(HttpCase, ReportCommon):
    """Alpha Industries and Beta Logistics have answered the worked example
    and met us; each has a contact with a portal login and an account plan
    for the year of its review. Alpha's plan has objectives on both sides
    (one measured in money), a gap shared with the customer, an internal one,
    and a gap of an earlier review done since."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.reviews = cls.review | cls.review_b
        cls.reviews.write(
            {
                "stage": "meet",
                "meeting_date": "2040-02-01 09:00:00",
                "sponsor_id": cls.user_sponsor.id,
            }
        )
        cls.portal_a = new_portal_contact(env, cls.account_a, "t_plan_a", "Pia Alpha")
        cls.portal_b = new_portal_contact(env, cls.account_b, "t_plan_b", "Paul Beta")
        Gap = env["qsr.gap"]
        cls.gap_shared = Gap.create(
            {
                "name": "Same-day call-back line",
                "review_id": cls.review.id,
                "customer_visible": True,
            }
        )
        cls.gap_internal = Gap.create(
            {"name": "Renegotiate the carrier contract", "review_id": cls.review.id}
        )
        cls.gap_b = Gap.create(
            {
                "name": "Beta dock booking",
                "review_id": cls.review_b.id,
                "customer_visible": True,
            }
        )
        year = cls.review.date_planned.year
        # a review of the year before, its results published, a gap done since
        cls.earlier = env["qsr.review"].create(
            {"partner_id": cls.account_a.id, "date_planned": date(year - 1, 6, 1)}
        )
        cls.earlier.results_published = True
        cls.gap_earlier = Gap.create(
            {
                "name": "Weekly stock report",
                "review_id": cls.earlier.id,
                "customer_visible": True,
                "resolution": "Sent every Monday since March",
            }
        )
        cls.gap_earlier.state = "done"
        Plan = env["qsr.account.plan"]
        period = {"date_start": date(year, 1, 1), "date_end": date(year, 12, 31)}
        cls.plan_a = Plan.create(
            {
                **period,
                "partner_id": cls.account_a.id,
                "summary": "<p>Faster answers first.</p>",
                "note": "<p>They are talking to a competitor.</p>",
                "objective_ids": [
                    Command.create(
                        {
                            "name": "Answer calls within 24 hours",
                            "side": "ours",
                            "owner_user_id": cls.user_am_a.id,
                            "measure": "manual",
                            "target": 24,
                            "actual_manual": 30,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Share the forecast every month",
                            "side": "theirs",
                            "owner_partner_id": cls.portal_a.partner_id.id,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Grow the service contract",
                            "side": "ours",
                            "owner_user_id": cls.user_am_a.id,
                            "measure": "won_revenue",
                            "target": 987654,
                        }
                    ),
                ],
            }
        )
        cls.plan_b = Plan.create(
            {
                **period,
                "partner_id": cls.account_b.id,
                "objective_ids": [Command.create({"name": "Book the docks online"})],
            }
        )
        cls.objectives_a = cls.plan_a.objective_ids.mapped("name")
        env.flush_all()

    # helpers

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _assert_refused(self, response, *texts):
        """A redirect (to /my, or to the login page) or a 4xx, showing none of
        ``texts``."""
        self.assertNotEqual(response.status_code, 500)
        if response.status_code in (301, 302, 303):
            location = response.headers["Location"]
            self.assertTrue(
                location.endswith("/my") or "/web/login" in location, location
            )
        else:
            self.assertGreaterEqual(response.status_code, 400)
        for text in texts:
            self.assertNotIn(text, response.text)

    def _count(self, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/my/counters", {"counters": ["qsr_plan_count"]}
        )["qsr_plan_count"]

    def _publish(self, *plans, results=True):
        if results:
            self.reviews.action_publish_results()
        for plan in plans:
            plan.action_publish()
        self.env.flush_all()

    def _pdf_url(self, plan, **params):
        query = "".join(f"&{key}={value}" for key, value in params.items())
        return f"{plan.access_url}?report_type=pdf&download=true{query}"

    # gating

    def test_nothing_before_publishing(self):
        self.reviews.action_publish_results()
        self.env.flush_all()
        for login, plan, names in (
            ("t_plan_a", self.plan_a, self.objectives_a),
            ("t_plan_b", self.plan_b, ["Book the docks online"]),
        ):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self._assert_refused(self._get(plan.access_url), *names)
                self._assert_refused(self._get(self._pdf_url(plan)), *names)
                page = self._get("/my/qsr/plans")
                self.assertEqual(page.status_code, 200)
                self.assertNotIn(plan.name, page.text)
                self.assertNotIn(plan.access_url, page.text)
                self.assertEqual(self._count(login), 0)
                # no link from the results page either
                results = self._get("/my/qsr/results")
                self.assertNotIn("o_qsr_plan_link", results.text)

    def test_pages_read_only(self):
        """The results, the plans, a plan and its PDF are read-only pages
        (served by the database replica when one is configured) and write
        nothing on the way, not even the first time a contact opens them."""
        self._publish(self.plan_a)
        self.authenticate("t_plan_a", "t_plan_a")
        urls = [
            "/my/qsr/results",
            "/my/qsr/plans",
            self.plan_a.access_url,
            self._pdf_url(self.plan_a),
        ]
        with cursor_modes() as modes:
            for url in urls:
                self.assertEqual(self._get(url).status_code, 200, url)
        self.assertEqual([mode for _request, mode in modes], ["ro"] * len(urls))

    def test_published_plan(self):
        self._publish(self.plan_a)
        self.authenticate("t_plan_a", "t_plan_a")
        page = self._get(self.plan_a.access_url)
        self.assertEqual(page.status_code, 200)
        text = page.text
        for expected in (
            *self.objectives_a,
            "Alpha Industries",
            "Faster answers first.",
            "Pia Alpha",  # the owner of their objective
            # the manual measure: 30 of 24
            '<strong class="o_qsr_objective_actual">30</strong>',
            "Same-day call-back line",  # the improvement shared with them
            "Weekly stock report",  # you said, we did
            "Sent every Monday since March",
            "o_qsr_result_row",  # their results
            "Response time",
            "The priorities you gave us",
            "Download PDF",
            f"{self.plan_a.access_url}?report_type=pdf&amp;download=true",
            'id="discussion"',  # the comment box
        ):
            self.assertIn(expected, text)
        for hidden in (
            "Renegotiate the carrier contract",  # not shared with them
            "talking to a competitor",  # internal note
            "987,654",  # an objective in money: its figures stay internal
            "987654",
            "Beta Logistics",
            "Beta dock booking",
            "Book the docks online",
        ):
            self.assertNotIn(hidden, text)
        # theirs, ours: both sides
        self.assertIn('data-side="theirs"', text)
        self.assertIn('data-side="ours"', text)
        # listed, counted, and linked from the results page
        page = self._get("/my/qsr/plans")
        self.assertIn(self.plan_a.access_url, page.text)
        self.assertEqual(self._count("t_plan_a"), 1)
        results = self._get("/my/qsr/results")
        self.assertIn("o_qsr_plan_link", results.text)
        self.assertIn(self.plan_a.access_url, results.text)
        # Beta sees none of it, and its own plan is not published
        self.authenticate("t_plan_b", "t_plan_b")
        self._assert_refused(self._get(self.plan_a.access_url), *self.objectives_a)
        self._assert_refused(self._get(self.plan_b.access_url), "Book the docks")
        self.assertNotIn(self.plan_a.name, self._get("/my/qsr/plans").text)
        self.assertEqual(self._count("t_plan_b"), 0)

    def test_results_wait_for_their_publishing(self):
        """The plan is published before the review's results: its objectives
        show, not the results nor the gaps of that review."""
        self._publish(self.plan_a, results=False)
        self.authenticate("t_plan_a", "t_plan_a")
        text = self._get(self.plan_a.access_url).text
        for name in self.objectives_a[:2]:
            self.assertIn(name, text)
        self.assertIn(PREPARED, text)
        self.assertNotIn("o_qsr_result_row", text)
        self.assertNotIn("Same-day call-back line", text)
        # the earlier review's results are published: its gap shows
        self.assertIn("Weekly stock report", text)
        # nor on the results page, whose counter counts the earlier review only
        self.assertNotIn("Same-day call-back line", self._get("/my/qsr/results").text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["qsr_result_count"]}
        )
        self.assertEqual(counters["qsr_result_count"], 1)

    def test_other_accounts_plan_and_tokens(self):
        self._publish(self.plan_a, self.plan_b)
        token = self.plan_a._portal_ensure_token()
        self.env.flush_all()
        names = self.objectives_a
        self.authenticate("t_plan_b", "t_plan_b")
        for suffix in ("", "?access_token=junk", f"?access_token={token}"):
            with self.subTest(suffix=suffix):
                self._assert_refused(self._get(self.plan_a.access_url + suffix), *names)
        self._assert_refused(self._get(self._pdf_url(self.plan_a)), *names)
        self._assert_refused(self._get("/my/qsr/plans/999999"))
        self._assert_refused(self._get("/my/qsr/plans/99999999999"))
        # Beta's own plan
        page = self._get(self.plan_b.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Book the docks online", page.text)
        self.assertNotIn("Answer calls within 24 hours", page.text)
        # not logged in: a wrong token gives nothing, the right one the plan
        self.authenticate(None, None)
        for suffix in ("", "?access_token=junk", "?access_token=%C3%A9"):
            with self.subTest(public=suffix):
                self._assert_refused(self._get(self.plan_a.access_url + suffix), *names)
        page = self._get(f"{self.plan_a.access_url}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Answer calls within 24 hours", page.text)
        # unpublished again: nothing, even with the token
        self.plan_a.action_unpublish()
        self.env.flush_all()
        self._assert_refused(
            self._get(f"{self.plan_a.access_url}?access_token={token}"), *names
        )

    def test_account_team_previews(self):
        """Before publishing, the account's team sees the page as the customer
        will; an internal user without QSR rights does not."""
        self.reviews.action_publish_results()
        self.env.flush_all()
        self.authenticate("t_qsr_am_a", "t_qsr_am_a")
        page = self._get(self.plan_a.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Answer calls within 24 hours", page.text)
        self.assertNotIn("Renegotiate the carrier contract", page.text)
        self.assertNotIn("talking to a competitor", page.text)
        self.authenticate("t_qsr_internal", "t_qsr_internal")
        self._assert_refused(
            self._get(self.plan_a.access_url), "Answer calls within 24 hours"
        )
        self.assertFalse(self.plan_a.published)

    # comments

    def test_comment_lands_in_the_chatter(self):
        self._publish(self.plan_a)
        self.authenticate("t_plan_a", "t_plan_a")
        page = self._get(self.plan_a.access_url)
        token = self.plan_a.access_token
        self.assertTrue(token)
        self.assertIn(f'data-token="{token}"', page.text)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "qsr.account.plan",
                "thread_id": self.plan_a.id,
                "post_data": {
                    "body": "Please add the Hamburg plant.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
                "token": token,
            },
        )
        message = self.plan_a.message_ids.filtered(
            lambda m: "Hamburg plant" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.portal_a.partner_id)
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))

    # PDF

    def test_pdf(self):
        self._publish(self.plan_a)
        self.authenticate("t_plan_a", "t_plan_a")
        # in test mode the report route answers with the report's HTML
        # (wkhtmltopdf would fetch its assets from this very server)
        response = self._get(self._pdf_url(self.plan_a))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Account_Plan", response.headers["Content-Disposition"])
        for name in self.objectives_a:
            self.assertIn(name, response.text)
        for hidden in ("987,654", "987654", "talking to a competitor", "discussion"):
            self.assertNotIn(hidden, response.text)
        self.assertNotIn("Renegotiate the carrier contract", response.text)
        # the real PDF, of the HTML above; its text is not read back: with the
        # report's web fonts, wkhtmltopdf writes glyphs without their letters
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(PLAN_REPORT, self.plan_a.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreaterEqual(len(PdfReader(io.BytesIO(pdf)).pages), 1)

    # packages

    def test_proposed_package_rows(self):
        package = self.env["qsr.package"].create(
            {"name": "Faster answers", "scope": "account", "review_id": self.review.id}
        )
        line = package.line_ids.filtered(
            lambda line: line.attribute_id == self.response_time
        )
        better = line.attribute_id.level_ids.sorted()[-1]
        line.level_id = better
        package.state = "proposed"
        self._publish(self.plan_a)
        self.authenticate("t_plan_a", "t_plan_a")
        text = self._get(self.plan_a.access_url).text
        self.assertIn("Service package proposed: Faster answers", text)
        self.assertIn(better.name, text)
        self.assertNotIn("WTP", text)
        self.assertNotIn("Supplier Cost", text)


@tagged("post_install", "-at_install")
class TestPortalPlanDemo(HttpCase):
    """The demo accounts: Nordhaven's plan is published, Meridian's is a
    draft; the demo portal login (qsr_portal) is a contact of Nordhaven, and a
    contact of Meridian gets one here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nordhaven = cls.env.ref("qsr_review.qsr_account_plan_nordhaven")
        cls.meridian = cls.env.ref("qsr_review.qsr_account_plan_meridian")
        # the demo's Katrin speaks German: Odoo would send her to the /de/ pages
        cls.env.ref("qsr_review.res_partner_nordhaven_proc").lang = "en_US"
        new_portal_contact(
            cls.env,
            cls.env.ref("qsr_review.res_partner_meridian"),
            "t_plan_meridian",
            "Mia Meridian",
        )
        cls.env.flush_all()

    def _page(self, login, plan):
        self.authenticate(login, login)
        return self.url_open(plan.access_url, allow_redirects=False)

    def _assert_content(self, response, plan):
        self.assertEqual(response.status_code, 200)
        for name in plan.objective_ids.mapped("name"):
            self.assertIn(name, response.text)

    def _assert_refused(self, response, plan):
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my"))
        for name in plan.objective_ids.mapped("name"):
            self.assertNotIn(name, response.text)

    def test_demo_accounts(self):
        self.assertTrue(self.nordhaven.published)
        self.assertFalse(self.meridian.published)
        self._assert_content(self._page("qsr_portal", self.nordhaven), self.nordhaven)
        self._assert_refused(self._page("qsr_portal", self.meridian), self.meridian)
        self._assert_refused(
            self._page("t_plan_meridian", self.nordhaven), self.nordhaven
        )
        self._assert_refused(
            self._page("t_plan_meridian", self.meridian), self.meridian
        )
        # Meridian's plan published: its contact sees it, Nordhaven's does not
        self.meridian.action_publish()
        self.env.flush_all()
        self._assert_content(
            self._page("t_plan_meridian", self.meridian), self.meridian
        )
        self._assert_refused(self._page("qsr_portal", self.meridian), self.meridian)
        # the PDF likewise
        self.authenticate("qsr_portal", "qsr_portal")
        response = self.url_open(
            f"{self.meridian.access_url}?report_type=pdf&download=true",
            allow_redirects=False,
        )
        self._assert_refused(response, self.meridian)
        response = self.url_open(
            f"{self.nordhaven.access_url}?report_type=pdf&download=true"
        )
        self._assert_content(response, self.nordhaven)
