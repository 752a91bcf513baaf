from odoo import http
from odoo.tests import tagged, warmup

from .portal_common import QsrPortalCommon

# queries per request of a respondent on the invitation link, at any grid size
# (a grid with a price row has its "as now" line marked from the start: the
# page reads its rounds; a response that changes state looks up the gaps of its
# review, whose figures follow the submitted answers)
# (with several languages installed, as the demo's German and French, a page
# and a redirect also read Odoo's default frontend language to build their
# links)
PAGE_QUERIES = 21
ROUND_PAGE_QUERIES = 20
# (each JSON route reads the respondent's language, which its messages speak)
SAVE_QUERIES = 26
ROUND_SAVE_QUERIES = 30
COMMENT_QUERIES = 9
STEP_QUERIES = 13
SUBMIT_QUERIES = 24  # incl. the grid's cache key, qsr_reporting's sums and packages


@tagged("post_install", "-at_install")
class TestPortalQueries(QsrPortalCommon):
    """The SQL queries of the grid's routes do not grow with the grid: Alice
    answers the default grid (30 rows, the last its price row) and a copy of
    it cut to its first 10 rows, and every route runs as many queries on both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.responses = (
            cls._alice_response_on_cut_grid(10, "Ten Rows") | cls.response_alice
        )
        for response in cls.responses:
            response._portal_ensure_token()

    def setUp(self):
        super().setUp()
        self.assertEqual(
            [len(response.line_ids) for response in self.responses], [10, 30]
        )
        self.authenticate(None, None)

    def _assert_queries(self, queries, build):
        """Send each grid's request, ``build(response)``, in at most ``queries``
        queries: {response: its answer}. The requests are all built first, so
        that what the test reads is not counted."""
        requests = {response: build(response) for response in self.responses}
        answers = {}
        for response, send in requests.items():
            with self.subTest(rows=len(response.line_ids)):
                with self.assertQueryCount(queries):
                    answers[response] = send()
        return answers

    def _page(self, response):
        url = self._url(response)
        return lambda: self.url_open(url)

    def _json(self, response, route, **params):
        url = self._url(response, route, token=False)
        params["access_token"] = response.access_token
        return lambda: self.make_jsonrpc_request(url, params)

    def _form(self, response, route, **data):
        url = self._url(response, route, token=False)
        data["csrf_token"] = http.Request.csrf_token(self)
        data["access_token"] = response.access_token
        return lambda: self.url_open(url, data=data, allow_redirects=False)

    def _first_row(self, response):
        attribute = response.line_ids[0].attribute_id
        return attribute, self._level(attribute, 2)

    def _first_round_step(self, response):
        return f"round_{response.grid_id._rounds_in_order()[0].id}"

    def _to_first_round(self, response):
        self._fill_marks(response, current=1, acceptable=1)
        response._go_to_step(self._first_round_step(response))

    def _click(self, response, step):
        attribute, level = self._first_row(response)
        return self._json(
            response, "/save", step=step, attribute_id=attribute.id, level_id=level.id
        )

    # the page

    @warmup
    def test_page(self):
        pages = self._assert_queries(PAGE_QUERIES, self._page)
        for response, res in pages.items():
            self.assertEqual(res.status_code, 200)
            self.assertEqual(
                res.text.count('class="o_qsr_row"'), len(response.line_ids)
            )

    @warmup
    def test_round_page(self):
        for response in self.responses:
            self._to_first_round(response)
        for res in self._assert_queries(ROUND_PAGE_QUERIES, self._page).values():
            self.assertEqual(res.status_code, 200)
            self.assertIn("o_qsr_budget", res.text)

    # JSON saves

    @warmup
    def test_save(self):
        results = self._assert_queries(
            SAVE_QUERIES, lambda response: self._click(response, "current")
        )
        for response, result in results.items():
            self.assertEqual(result["level_id"], self._first_row(response)[1].id)

    @warmup
    def test_round_save(self):
        for response in self.responses:
            self._to_first_round(response)
        results = self._assert_queries(
            ROUND_SAVE_QUERIES,
            lambda response: self._click(response, self._first_round_step(response)),
        )
        for response, result in results.items():
            self.assertEqual(result["level_id"], self._first_row(response)[1].id)
            self.assertIn("budget", result)

    @warmup
    def test_comment(self):
        results = self._assert_queries(
            COMMENT_QUERIES,
            lambda response: self._json(
                response,
                "/comment",
                attribute_id=self._first_row(response)[0].id,
                comment="Faster, please",
            ),
        )
        for result in results.values():
            self.assertEqual(result, {"comment": "Faster, please", "truncated": False})

    # form posts

    @warmup
    def test_step(self):
        for response in self.responses:
            self._fill_marks(response)
        posts = self._assert_queries(
            STEP_QUERIES, lambda response: self._form(response, "/step", step="ideal")
        )
        for res in posts.values():
            self.assertEqual(res.status_code, 303)

    @warmup
    def test_submit(self):
        for response in self.responses:
            self._fill_marks(response)
            response.step = "review"
        posts = self._assert_queries(
            SUBMIT_QUERIES, lambda response: self._form(response, "/submit")
        )
        self.responses.invalidate_recordset(["state"])
        for response, res in posts.items():
            self.assertEqual(res.status_code, 303)
            self.assertEqual(response.state, "submitted")
