from odoo import http
from odoo.tests import HttpCase, tagged, warmup

from odoo.addons.qsr_review.tests.common import cursor_modes

from .common import QsrInterviewCommon


@tagged("post_install", "-at_install")
class TestInterviewPortal(HttpCase, QsrInterviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls._make_report("with_customer")
        cls.partner_a = cls.user_portal_a.partner_id

    def _url(self, suffix="", token=True, pid=None):
        url = f"/my/qsr/interviews/{self.report.id}{suffix}"
        if token:
            url += f"?access_token={self.report.access_token}"
            if pid:
                url += f"&pid={pid}&hash={self.report._sign_token(pid)}"
        return url

    def _post(self, suffix, token=True, pid=None, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        if token:
            data["access_token"] = (
                token if isinstance(token, str) else (self.report.access_token)
            )
        if pid:
            data.update(pid=pid, hash=self.report._sign_token(pid))
        return self.url_open(
            self._url(suffix, token=False), data=data, allow_redirects=False
        )

    def _snapshot(self):
        self.env.invalidate_all()
        report = self.report
        return (
            report.state,
            str(report.body),
            report.approved_by_id,
            report.date_approved,
            report.revision_ids,
        )

    def _assert_redirected_to_my(self, res):
        self.assertIn(res.status_code, (301, 302, 303))
        self.assertTrue(res.headers["Location"].endswith("/my"))

    def test_page_with_token(self):
        self.authenticate(None, None)
        res = self.url_open(self._url())
        self.assertEqual(res.status_code, 200)
        self.assertIn("I only hear from you at renewal time.", res.text)
        self.assertIn("o_qsr_interview_approve", res.text)
        self.assertIn("o_qsr_interview_editor", res.text)
        self.assertIn("With Customer", res.text)

    def test_wrong_or_missing_token(self):
        self.authenticate(None, None)
        before = self._snapshot()
        for url in (
            f"/my/qsr/interviews/{self.report.id}?access_token=wrong",
            f"/my/qsr/interviews/{self.report.id}",
            "/my/qsr/interviews/999999?access_token=wrong",
        ):
            with self.subTest(url=url):
                res = self.url_open(url, allow_redirects=False)
                self._assert_redirected_to_my(res)
        self._assert_redirected_to_my(self._post("/approve", token="wrong"))
        self._assert_redirected_to_my(
            self._post("/edit", token="wrong", body="<p>Hacked.</p>")
        )
        self._assert_redirected_to_my(self._post("/approve", token=False))
        self.assertEqual(self._snapshot(), before)

    def test_non_ascii_token_refused(self):
        self.authenticate(None, None)
        before = self._snapshot()
        res = self.url_open(
            f"/my/qsr/interviews/{self.report.id}?access_token=%C3%A9",
            allow_redirects=False,
        )
        self._assert_redirected_to_my(res)
        self._assert_redirected_to_my(self._post("/approve", token="\u00e9"))
        self.assertEqual(self._snapshot(), before)

    def test_approve_with_personal_link(self):
        self.authenticate(None, None)
        res = self._post("/approve", pid=self.contact_a_exec.id)
        self.assertEqual(res.status_code, 303)
        self.assertIn("message=approved", res.headers["Location"])
        self.env.invalidate_all()
        self.assertEqual(self.report.state, "approved")
        self.assertEqual(self.report.approved_by_id, self.contact_a_exec)
        res = self.url_open(self._url(pid=self.contact_a_exec.id) + "&message=approved")
        self.assertIn("you approved the report", res.text)
        self.assertNotIn("o_qsr_interview_approve", res.text)
        # a second approval changes nothing, and says why
        before = self._snapshot()
        res = self._post("/approve", pid=self.partner_a.id)
        self.assertEqual(res.status_code, 200)
        self.assertIn("This report is already approved.", res.text)
        self.assertEqual(self._snapshot(), before)
        # so does an edit of an approved report
        res = self._post("/edit", body="<p>Changed my mind.</p>")
        self.assertIn("This report is already approved.", res.text)
        self.assertEqual(self._snapshot(), before)

    def test_forged_personal_link(self):
        self.authenticate(None, None)
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "access_token": self.report.access_token,
            "pid": self.contact_a_exec.id,
            "hash": "forged",
        }
        res = self.url_open(self._url("/approve", token=False), data=data)
        self.assertEqual(res.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(self.report.state, "approved")
        # two interviewed contacts, no valid signature: the author is unknown
        self.assertFalse(self.report.approved_by_id)

    def test_edit_keeps_revision(self):
        self.authenticate("t_qsr_interview_pa", "t_qsr_interview_pa")
        res = self.url_open(self._url(token=False))
        self.assertEqual(res.status_code, 200, "her own report opens without a token")
        before = str(self.report.body)
        res = self._post("/edit", token=False, body="<h2>Report</h2><p>Our words.</p>")
        self.assertEqual(res.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(self.report.state, "changed")
        self.assertIn("Our words.", str(self.report.body))
        revision = self.report.revision_ids
        self.assertEqual(len(revision), 1)
        self.assertEqual(revision.author_id, self.partner_a)
        self.assertEqual(str(revision.body_before), before)
        self.assertIn("Our words.", str(revision.body_after))
        # she may change it again, a second revision
        self._post("/edit", token=False, body="<p>Our better words.</p>")
        self.env.invalidate_all()
        self.assertEqual(len(self.report.revision_ids), 2)
        res = self.url_open(self._url(token=False))
        self.assertIn("Our better words.", res.text)
        self.assertIn("Changed by Customer", res.text)
        # an unchanged or empty text is refused with a message
        state = self._snapshot()
        res = self._post("/edit", token=False, body="<p>Our better words.</p>")
        self.assertIn("The text is unchanged", res.text)
        res = self._post("/edit", token=False, body="<p> </p>")
        self.assertIn("The report cannot be empty.", res.text)
        res = self._post("/edit", token=False)
        self.assertIn("The report cannot be empty.", res.text)
        self.assertEqual(self._snapshot(), state)

    def test_other_customer_refused(self):
        self.authenticate("t_qsr_interview_pb", "t_qsr_interview_pb")
        before = self._snapshot()
        res = self.url_open(self._url(token=False), allow_redirects=False)
        self._assert_redirected_to_my(res)
        self._assert_redirected_to_my(self._post("/approve", token=False))
        self._assert_redirected_to_my(
            self._post("/edit", token=False, body="<p>Not mine.</p>")
        )
        res = self.url_open("/my/qsr/interviews")
        self.assertEqual(res.status_code, 200)
        self.assertIn("You have no interview report to read.", res.text)
        self.assertEqual(self._snapshot(), before)

    def test_issued_read_only(self):
        self.report._customer_edit("<p>Our words.</p>", self.partner_a)
        self.report.action_issue()
        self.authenticate(None, None)
        before = self._snapshot()
        res = self.url_open(self._url())
        self.assertEqual(res.status_code, 200)
        self.assertIn("it can no longer change", res.text)
        self.assertIn("Our words.", res.text)
        self.assertNotIn("o_qsr_interview_editor", res.text)
        res = self._post("/edit", body="<p>After the fact.</p>")
        self.assertEqual(res.status_code, 200)
        self.assertIn("This report was issued; it can no longer change.", res.text)
        res = self._post("/approve")
        self.assertIn("This report was issued; it can no longer change.", res.text)
        self.assertEqual(self._snapshot(), before)

    def test_draft_hidden_from_customer(self):
        self.report.action_reset_draft()
        self.authenticate(None, None)
        before = self._snapshot()
        self._assert_redirected_to_my(self.url_open(self._url(), allow_redirects=False))
        self._assert_redirected_to_my(self._post("/approve"))
        self.assertEqual(self._snapshot(), before)

    def test_draft_hidden_from_internal_user_outside_the_team(self):
        self.report.action_reset_draft()
        self.authenticate("t_qsr_internal", "t_qsr_internal")
        self._assert_redirected_to_my(self.url_open(self._url(), allow_redirects=False))
        self.authenticate("t_qsr_am_a", "t_qsr_am_a")
        res = self.url_open(self._url(), allow_redirects=False)
        self.assertEqual(res.status_code, 200)
        self.assertIn("I only hear from you at renewal time.", res.text)

    def test_my_reports(self):
        self.authenticate("t_qsr_interview_pa", "t_qsr_interview_pa")
        with cursor_modes() as modes:
            res = self.url_open("/my/qsr/interviews")
        # a read-only list, served by the replica when one is configured
        self.assertEqual([mode for _request, mode in modes], ["ro"])
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.interview.name, res.text)
        self.assertIn(self.report.access_url, res.text)
        res = self.url_open("/my")
        self.assertIn("/my/qsr/interviews", res.text)

    def test_account_team_preview(self):
        self.authenticate("t_qsr_am_a", "t_qsr_am_a")
        before = self._snapshot()
        res = self.url_open(self._url(token=False))
        self.assertEqual(res.status_code, 200)
        self.assertIn("Preview.", res.text)
        self.assertNotIn("o_qsr_interview_editor", res.text)
        res = self._post("/approve", token=False)
        self.assertIn("only the interviewed contacts", res.text)
        self.assertEqual(self._snapshot(), before)

    @warmup
    def test_query_count(self):
        self.authenticate(None, None)
        pid = self.contact_a_exec.id
        # built before counting: what the test reads is not the route's
        url = self._url(pid=pid)
        approve_url = self._url("/approve", token=False)
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "access_token": self.report.access_token,
            "pid": pid,
            "hash": self.report._sign_token(pid),
        }
        # incl. the contact of the personal link, whose language the page
        # speaks, and Odoo's default frontend language (several are installed)
        with self.assertQueryCount(15):
            res = self.url_open(url)
        self.assertEqual(res.status_code, 200)
        self.assertIn("o_qsr_interview_approve", res.text)
        with self.assertQueryCount(22):
            res = self.url_open(approve_url, data=data, allow_redirects=False)
        self.assertEqual(res.status_code, 303)
