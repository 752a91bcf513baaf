from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.common import (
    cursor_modes,
    new_published_plan,
)

from .common import QsrWorkshopCommon


@tagged("post_install", "-at_install")
class TestPortalPlanActions(QsrWorkshopCommon, HttpCase):
    """Account A's published plan for the year of its workshop: its contact
    updates the action she owns in place, on the plan page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_a = new_published_plan(
            cls.env, cls.account_a, cls.review_a.date_planned.year
        )
        cls.env.flush_all()

    def _post(self, action, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(
            f"/my/qsr/actions/{action.id}/update", data=data, allow_redirects=False
        )

    def test_plan_page_lists_their_actions(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        page = self.url_open(self.plan_a.access_url)
        self.assertEqual(page.status_code, 200)
        text = page.text
        self.assertIn("Freeze the forecasts", text)
        self.assertIn("Name an escalation contact", text)
        self.assertNotIn("Fix the paperwork", text)  # ours: not hers to update
        self.assertNotIn("Beta secret plan", text)
        # a form only for the action she owns, sending her back to the plan
        self.assertIn(f"/my/qsr/actions/{self.action_a_theirs.id}/update", text)
        self.assertNotIn(
            f"/my/qsr/actions/{self.action_a_theirs_other.id}/update", text
        )
        self.assertIn(f'name="redirect" value="{self.plan_a.access_url}"', text)
        # the action page links to the plan
        page = self.url_open("/my/qsr/actions")
        self.assertIn("o_qsr_plan_link", page.text)
        self.assertIn(self.plan_a.access_url, page.text)

    def test_update_back_to_the_plan(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        res = self._post(
            self.action_a_theirs,
            state="in_progress",
            progress_note="Forecast frozen for May",
            redirect=self.plan_a.access_url,
        )
        self.assertIn(res.status_code, (302, 303))
        location = res.headers["Location"]
        self.assertIn(
            f"{self.plan_a.access_url}?updated={self.action_a_theirs.id}", location
        )
        self.assertEqual(self.action_a_theirs.state, "in_progress")
        self.assertEqual(self.action_a_theirs.progress_note, "Forecast frozen for May")
        # read your writes: the page after the update reads the primary, the
        # same page later a replica (when one is configured)
        with cursor_modes() as modes:
            page = self.url_open(location)
            self.url_open(self.plan_a.access_url)
        self.assertEqual([mode for _request, mode in modes], ["rw", "ro"])
        self.assertIn("o_qsr_action_updated", page.text)
        self.assertIn("Forecast frozen for May", page.text)

    def test_bad_input_stays_on_the_plan(self):
        self.action_a_theirs.write(
            {"state": "in_progress", "progress_note": "Saved before"}
        )
        self.env.flush_all()
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        res = self._post(
            self.action_a_theirs,
            state="finished",  # not a state
            progress_note="Lost on purpose",
            redirect=self.plan_a.access_url,
        )
        self.assertEqual(res.status_code, 200)
        self.assertIn("o_qsr_plan_error", res.text)
        self.assertIn("Choose one of", res.text)
        # the plan page, with the saved values
        self.assertIn("Freeze the forecasts", res.text)
        self.assertIn("Saved before", res.text)
        self.assertNotIn("Lost on purpose", res.text)
        self.assertEqual(self.action_a_theirs.state, "in_progress")
        self.assertEqual(self.action_a_theirs.progress_note, "Saved before")
        # another contact's action: refused on the plan page too
        res = self._post(
            self.action_a_theirs_other,
            state="done",
            redirect=self.plan_a.access_url,
        )
        self.assertEqual(res.status_code, 200)
        self.assertIn("Only the contact who owns this action", res.text)
        self.assertEqual(self.action_a_theirs_other.state, "todo")

    def test_redirect_only_to_a_plan_page(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        for redirect in (
            "https://evil.example.com/my/qsr/plans/1",
            "//evil.example.com/my/qsr/plans/1",
            "/web/login",
            f"/my/qsr/plans/{self.plan_a.id}/../../../web",
            "/my/qsr/plans/99999999999",
        ):
            with self.subTest(redirect=redirect):
                res = self._post(self.action_a_theirs, state="done", redirect=redirect)
                self.assertIn(res.status_code, (302, 303))
                self.assertIn(
                    "/my/qsr/actions?updated=", res.headers["Location"], redirect
                )
