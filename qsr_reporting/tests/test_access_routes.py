"""The access matrix over HTTP: portal pages, JSON routes and report
downloads, requested by every role of ``access_common``, with and without
tokens, on records of their own account, of another account and on ids that
do not exist. A refusal is a redirect or a 4xx (never a 500, never the
content); the JSON routes answer with an error and change nothing."""

import io
import itertools
import json
import re
import warnings

from openpyxl import load_workbook

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.qsr_simalto.tests.common import saved_answers

from .access_common import (
    AM_A,
    CIRCULATION,
    DIRECTOR,
    PORTAL_A,
    PORTAL_B,
    PUBLIC,
    AccessMatrixCommon,
)
from .test_access_matrix import MATRIX

# /my/qsr/grids lists the grids the user answers: their own only
GRID_LIST = {PORTAL_A: {"oscar"}, PORTAL_B: {"bob"}}
# /my/qsr/grids/<id> without a token: the contact answers their own grid, the
# account team fills in its account's grids in an interview
GRID_PAGE = {
    PORTAL_A: {"oscar"},
    PORTAL_B: {"bob"},
    AM_A: {"alice", "oscar"},
    DIRECTOR: {"alice", "oscar", "bob"},
}
# /my/qsr/results: the customer's own account, nobody else's
RESULTS = {PORTAL_A: "a", PORTAL_B: "b"}
# account reports (PDF internal and customer, XLSX) of a review: whoever may
# read the review
REPORTS = {AM_A: {"a"}, DIRECTOR: {"a", "b", "council"}, CIRCULATION: {"council"}}
# the portfolio priority matrix of a wave: QSR managers only
PORTFOLIO = {DIRECTOR}

NOT_YOURS = "This grid does not exist or is not yours to answer."
# In test mode /report/pdf answers with the report's HTML (wkhtmltopdf would
# fetch the assets from this very server, which waits for the request): the
# access checks are the same, and the account's name can be read in it.
ACCOUNT_REPORTS = {
    "pdf/qsr_reporting.report_qsr_review_internal": b"<",
    "pdf/qsr_reporting.report_qsr_review_customer": b"<",
    "xlsx/qsr_reporting.report_qsr_review_xlsx": b"PK",
}


@tagged("post_install", "-at_install")
class TestAccessRoutes(HttpCase, AccessMatrixCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.responses = {
            "alice": cls.resp_alice,
            "oscar": cls.resp_oscar,
            "bob": cls.resp_bob,
        }
        cls.review_keys = {"a": cls.review_a, "b": cls.review_b, "council": cls.council}
        # every gap is shared with the customer: the portal still shows a
        # customer only their own account's, and never a confidential one's
        (cls.gap_a | cls.gap_b | cls.gap_council).customer_visible = True
        cls.gap_a.name = "Shared with Alpha"
        cls.gap_b.name = "Shared with Beta"
        cls.gap_council.name = "Council secret"
        cls.env.flush_all()

    def setUp(self):
        super().setUp()
        self.enterContext(
            mute_logger(
                "odoo.addons.base.models.ir_model",
                "odoo.addons.base.models.ir_rule",
                "odoo.http",
            )
        )

    # helpers

    def _login(self, role):
        user = self.users[role]
        if role == PUBLIC:
            self.authenticate(None, None)
        else:
            self.authenticate(user.login, user.login)
        return user

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _assert_refused(self, response, what):
        """A redirect (to /my, or to the login page) or a 4xx."""
        self.assertNotEqual(response.status_code, 200, what)
        self.assertLess(response.status_code, 500, what)
        if response.is_redirect:
            location = response.headers["Location"]
            self.assertTrue(
                location.endswith("/my") or "/web/login" in location, (what, location)
            )

    def _grid_url(self, response, token=None, suffix=""):
        url = f"/my/qsr/grids/{response.id}{suffix}"
        return f"{url}?access_token={token}" if token else url

    def _save(self, response, level, token=None):
        params = {
            "step": "current",
            "attribute_id": self.response_time.id,
            "level_id": level.id,
        }
        if token:
            params["access_token"] = token
        return self.make_jsonrpc_request(
            self._grid_url(response, suffix="/save"), params
        )

    # grids

    def test_grid_list(self):
        for role in self.users:
            self._login(role)
            page = self._get("/my/qsr/grids")
            if role == PUBLIC:
                self._assert_refused(page, role)
                continue
            self.assertEqual(page.status_code, 200, role)
            listed = {
                key
                for key, response in self.responses.items()
                if re.search(rf"/my/qsr/grids/{response.id}\b", page.text)
            }
            self.assertEqual(listed, GRID_LIST.get(role, set()), role)

    def test_grid_page_without_token(self):
        for role in self.users:
            self._login(role)
            for key, response in self.responses.items():
                page = self._get(self._grid_url(response))
                what = f"{role} opens {key}'s grid"
                if key in GRID_PAGE.get(role, ()):
                    self.assertEqual(page.status_code, 200, what)
                    self.assertIn(self.grid.name, page.text, what)
                else:
                    self._assert_refused(page, what)

    def test_grid_page_with_tokens(self):
        """A grid's own token opens it for whoever holds the link (the
        invitation mail); another grid's token opens nothing more than no
        token at all."""
        oscar, bob = self.resp_oscar, self.resp_bob
        for role in self.users:
            self._login(role)
            own = self._get(self._grid_url(oscar, oscar.access_token))
            self.assertEqual(own.status_code, 200, role)
            self.assertIn("Response time", own.text, role)
            foreign = self._get(self._grid_url(oscar, bob.access_token))
            if "oscar" in GRID_PAGE.get(role, ()):
                self.assertEqual(foreign.status_code, 200, role)
            else:
                self._assert_refused(foreign, f"{role} with Bob's token")
            forged = self._get(self._grid_url(oscar, "0" * 36))
            if "oscar" not in GRID_PAGE.get(role, ()):
                self._assert_refused(forged, f"{role} with a forged token")

    def test_guessed_ids(self):
        """Ids that do not exist, or are out of range, redirect; never a 500."""
        last = self.env["qsr.response"].search([], order="id desc", limit=1)
        for role in (PUBLIC, PORTAL_A, PORTAL_B, AM_A):
            self._login(role)
            for response_id in (last.id + 1, last.id + 1000, 2**31 - 1, 2**40):
                page = self._get(f"/my/qsr/grids/{response_id}")
                self._assert_refused(page, f"{role} guesses {response_id}")
                result = self.make_jsonrpc_request(
                    f"/my/qsr/grids/{response_id}/save",
                    {"step": "current", "attribute_id": 1, "level_id": 1},
                )
                self.assertIn("error", result, (role, response_id))

    def test_save_and_comment(self):
        """Only the contact and the account's team save answers or comments
        in a grid; everyone else, with no token or someone else's, gets an
        error and the grid stays as it was."""
        oscar = self.resp_oscar
        levels = itertools.cycle(self.rt)
        for role in self.users:
            self._login(role)
            allowed = "oscar" in GRID_PAGE.get(role, ())
            for token in (None, self.resp_bob.access_token):
                level = next(levels)
                before = saved_answers(oscar)
                result = self._save(oscar, level, token)
                comment = self.make_jsonrpc_request(
                    self._grid_url(oscar, suffix="/comment"),
                    {"comment": f"Comment by {role}", "access_token": token},
                )
                self.env.invalidate_all()
                what = (role, token)
                if allowed:
                    self.assertNotIn("error", result, what)
                    self.assertEqual(result["level_id"], level.id, what)
                    self.assertEqual(self.line_oscar_rt.current_level_id, level, what)
                    self.assertEqual(oscar.comment, f"Comment by {role}", what)
                else:
                    self.assertEqual(result, {"error": NOT_YOURS}, what)
                    self.assertIn("error", comment, what)
                    self.assertEqual(saved_answers(oscar), before, what)
                    self.assertNotEqual(oscar.comment, f"Comment by {role}", what)

    def test_step_and_submit_of_another_contact(self):
        """Bob, the other account's contact, and a QSR user on no team cannot
        move or submit Oscar's grid, with or without Bob's token."""
        oscar = self.resp_oscar
        self._fill_oscar()
        before = saved_answers(oscar), oscar.state, oscar.step
        for login in (self.user_portal_b.login, self.user_no_team.login):
            self.authenticate(login, login)
            for token in (None, self.resp_bob.access_token):
                for suffix, data in (
                    ("/step", {"step": "acceptable"}),
                    ("/submit", {}),
                ):
                    data = dict(data, csrf_token=http.Request.csrf_token(self))
                    if token:
                        data["access_token"] = token
                    response = self.url_open(
                        self._grid_url(oscar, suffix=suffix),
                        data=data,
                        allow_redirects=False,
                    )
                    self._assert_refused(response, (login, suffix, token))
        self.assertEqual((saved_answers(oscar), oscar.state, oscar.step), before)
        # Oscar's own token does submit it: the grid was complete
        self.authenticate(None, None)
        response = self.url_open(
            self._grid_url(oscar, suffix="/submit"),
            data={
                "csrf_token": http.Request.csrf_token(self),
                "access_token": oscar.access_token,
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(oscar.state, "submitted")

    def _fill_oscar(self):
        rt, inf = self.response_time, self.in_full
        self._answer(
            self.resp_oscar, {rt: (2, 2, 2), inf: (1, 3, 3)}, [{inf: 3}, {rt: 3}]
        )
        self.env.flush_all()

    # results

    def test_results_page(self):
        names = {"a": "Alpha Industries", "b": "Beta Logistics"}
        gaps = {"a": "Shared with Alpha", "b": "Shared with Beta"}
        # the gaps shared with the customer show once the results are published
        (self.review_a | self.review_b).results_published = True
        self.env.flush_all()
        for role in self.users:
            self._login(role)
            page = self._get("/my/qsr/results")
            if role == PUBLIC:
                self._assert_refused(page, role)
                continue
            self.assertEqual(page.status_code, 200, role)
            self.assertNotIn("Council secret", page.text, role)
            own = RESULTS.get(role)
            for key in ("a", "b"):
                self.assertEqual(gaps[key] in page.text, key == own, (role, key))
                if key != own:
                    self.assertNotIn(names[key], page.text, (role, key))

    def test_results_only_once_published(self):
        """Both accounts have submitted answers: nobody sees results until the
        account team publishes them, then only that account's contacts."""
        prepared = "The results of your latest service review are being prepared."

        def results_shown():
            shown = set()
            for role in self.users:
                if role == PUBLIC:
                    continue
                self._login(role)
                page = self._get("/my/qsr/results")
                self.assertEqual(page.status_code, 200, role)
                if "o_qsr_result_row" in page.text:
                    shown.add(role)
                    self.assertNotIn(prepared, page.text, role)
                elif role in RESULTS:
                    self.assertIn(prepared, page.text, role)
            return shown

        self.assertEqual(results_shown(), set())
        self.review_a.results_published = True
        self.env.flush_all()
        self.assertEqual(results_shown(), {PORTAL_A})
        self.review_b.results_published = True
        self.env.flush_all()
        self.assertEqual(results_shown(), {PORTAL_A, PORTAL_B})

    # reports

    def test_account_reports(self):
        for role in self.users:
            self._login(role)
            for key, review in self.review_keys.items():
                for report, magic in ACCOUNT_REPORTS.items():
                    response = self._get(f"/report/{report}/{review.id}")
                    what = f"{role} downloads {report} of {key}"
                    if key in REPORTS.get(role, ()):
                        self.assertEqual(response.status_code, 200, what)
                        self.assertTrue(
                            response.content.lstrip().startswith(magic), what
                        )
                        if magic == b"PK":
                            self._assert_xlsx_names(response.content, review, what)
                        else:
                            self.assertIn(review.partner_id.name, response.text, what)
                    else:
                        self._assert_refused(response, what)
                        self.assertNotIn(review.name, response.text, what)

    def _assert_xlsx_names(self, content, review, what):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "(Unknown|Conditional Formatting) ext")
            book = load_workbook(io.BytesIO(content))
        values = {
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value
        }
        text = " ".join(values)
        self.assertIn(review.partner_id.name, text, what)

    def test_portfolio_matrix(self):
        url = f"/report/xlsx/qsr_reporting.report_qsr_portfolio_xlsx/{self.wave.id}"
        for role in self.users:
            self._login(role)
            response = self._get(url)
            if role in PORTFOLIO:
                self.assertEqual(response.status_code, 200, role)
                self.assertTrue(response.content.startswith(b"PK"), role)
            else:
                self._assert_refused(response, role)

    # the JSON-RPC of the web client

    def test_call_kw_follows_the_matrix(self):
        """search_read through /web/dataset/call_kw finds exactly what the
        matrix lets each role read, and nothing for public visitors."""
        for role in self.users:
            self._login(role)
            for model, spec in MATRIX.items():
                if model not in self.env:  # an addon that is not installed
                    continue
                records = self.env[model].browse()
                keys = {}
                for key, attr in spec.records.items():
                    records |= getattr(self, attr)
                    keys[key] = getattr(self, attr)
                reply = self._call_kw(
                    model, "search_read", [[("id", "in", records.ids)], ["id"]]
                )
                cell = spec.roles[role].read
                what = f"{role} reads {model}"
                if role == PUBLIC or cell is None:
                    self.assertIn("error", reply, what)
                    continue
                self.assertNotIn("error", reply, what)
                found = {row["id"] for row in reply["result"]}
                expected = set()
                for key in cell:
                    expected |= set(keys[key].ids)
                self.assertEqual(found, expected, what)

    def _call_kw(self, model, method, args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 0,
            "params": {"model": model, "method": method, "args": args, "kwargs": {}},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, (model, method))
        return response.json()
