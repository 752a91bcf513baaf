import json

from odoo import http
from odoo.tests import HttpCase, tagged, warmup
from odoo.tools import mute_logger

from odoo.addons.qsr_review.tests.common import cursor_modes

from .common import QsrWorkshopCommon


@tagged("post_install", "-at_install")
class TestWorkshopPortal(QsrWorkshopCommon, HttpCase):
    def _post(self, action, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(
            f"/my/qsr/actions/{action.id}/update", data=data, allow_redirects=False
        )

    def _assert_refused(self, res, message):
        self.assertEqual(res.status_code, 200)
        self.assertNotIn("Traceback", res.text)
        self.assertIn("o_qsr_action_error", res.text)
        self.assertIn(message, res.text)

    def _snapshot(self, *actions):
        return [(a.state, a.progress_note) for a in actions]

    def test_anonymous_redirected_to_login(self):
        self.authenticate(None, None)
        res = self.url_open("/my/qsr/actions", allow_redirects=False)
        self.assertIn(res.status_code, (301, 302, 303))
        self.assertIn("/web/login", res.headers["Location"])
        self.assertEqual(self.action_a_theirs.state, "todo")

    def test_list_own_account_theirs_first(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        res = self.url_open("/my/qsr/actions")
        self.assertEqual(res.status_code, 200)
        text = res.text
        for action in (
            self.action_a_ours,
            self.action_a_theirs,
            self.action_a_theirs_other,
        ):
            self.assertIn(action.name, text)
        self.assertNotIn(self.action_b_theirs.name, text)
        # theirs before ours
        self.assertLess(
            text.index(self.action_a_theirs.name), text.index(self.action_a_ours.name)
        )
        self.assertLess(
            text.index(self.action_a_theirs_other.name),
            text.index(self.action_a_ours.name),
        )
        # an update form only for the action the contact owns
        self.assertIn(f"/my/qsr/actions/{self.action_a_theirs.id}/update", text)
        self.assertNotIn(f"/my/qsr/actions/{self.action_a_ours.id}/update", text)
        self.assertNotIn(
            f"/my/qsr/actions/{self.action_a_theirs_other.id}/update", text
        )

    def test_home_entry_and_counter(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        res = self.url_open("/my/home")
        self.assertEqual(res.status_code, 200)
        self.assertIn("/my/qsr/actions", res.text)
        self.assertIn("qsr_action_count", res.text)
        self.action_a_theirs_other.state = "done"
        res = self.url_open(
            "/my/counters",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"counters": ["qsr_action_count"]},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("result", res.json(), res.text)
        self.assertEqual(res.json()["result"]["qsr_action_count"], 2)

    def test_owner_updates_action(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        res = self._post(
            self.action_a_theirs, state="in_progress", progress_note="  Briefed  "
        )
        self.assertIn(res.status_code, (302, 303))
        self.assertIn("/my/qsr/actions?updated=", res.headers["Location"])
        self.assertEqual(self.action_a_theirs.state, "in_progress")
        self.assertEqual(self.action_a_theirs.progress_note, "Briefed")
        with cursor_modes() as modes:
            res = self.url_open(res.headers["Location"])
            self.url_open("/my/qsr/actions")
        # the page after the update reads the primary, the list later a replica
        self.assertEqual([mode for _request, mode in modes], ["rw", "ro"])
        self.assertIn("o_qsr_action_updated", res.text)
        self.assertIn("Briefed", res.text)

    def test_refused_other_contacts_action(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        before = self._snapshot(self.action_a_theirs_other)
        res = self._post(self.action_a_theirs_other, state="done", progress_note="x")
        self._assert_refused(res, "Only the contact who owns this action")
        self.assertEqual(self._snapshot(self.action_a_theirs_other), before)

    def test_refused_our_action(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        before = self._snapshot(self.action_a_ours)
        res = self._post(self.action_a_ours, state="done", progress_note="x")
        self._assert_refused(res, "Only the contact who owns this action")
        self.assertEqual(self._snapshot(self.action_a_ours), before)

    def test_refused_other_accounts_action(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        before = self._snapshot(self.action_b_theirs)
        # a made-up token grants nothing either
        res = self._post(
            self.action_b_theirs, state="done", progress_note="x", access_token="junk"
        )
        self._assert_refused(res, "does not exist or is not one of yours")
        self.assertNotIn(self.action_b_theirs.name, res.text)
        self.assertEqual(self._snapshot(self.action_b_theirs), before)
        res = self._post(self.action_b_theirs.browse(999999), state="done")
        self._assert_refused(res, "does not exist or is not one of yours")

    def test_refused_invalid_state(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        before = self._snapshot(self.action_a_theirs)
        for state in ("finished", ""):
            res = self._post(self.action_a_theirs, state=state, progress_note="x")
            self._assert_refused(res, "Choose one of")
            self.assertEqual(self._snapshot(self.action_a_theirs), before)

    @mute_logger("odoo.http")
    def test_refused_without_csrf(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        res = self.url_open(
            f"/my/qsr/actions/{self.action_a_theirs.id}/update",
            data={"state": "done"},
            allow_redirects=False,
        )
        self.assertEqual(res.status_code, 400)
        self.assertEqual(self.action_a_theirs.state, "todo")

    def test_internal_user_sees_no_portal_list_of_other_account(self):
        self.authenticate("t_qsr_am_b", "t_qsr_am_b")
        res = self.url_open("/my/qsr/actions")
        self.assertEqual(res.status_code, 200)
        self.assertNotIn(self.action_a_theirs.name, res.text)

    @warmup
    def test_query_count(self):
        self.authenticate("t_qsr_workshop_portal_a", "t_qsr_workshop_portal_a")
        with self.assertQueryCount(21):
            res = self._post(self.action_a_theirs, state="done", progress_note="Done")
        self.assertIn(res.status_code, (302, 303))
        # 13: with the account's published plan, linked from the page
        with self.assertQueryCount(13):
            res = self.url_open("/my/qsr/actions")
        self.assertEqual(res.status_code, 200)
