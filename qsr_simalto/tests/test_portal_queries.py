from odoo.fields import Command
from odoo.tests import tagged, warmup

from .portal_common import QsrPortalCommon

# queries per request of a respondent on the invitation link, at any grid size
PAGE_QUERIES = 19
ROUND_PAGE_QUERIES = 19
SAVE_QUERIES = 24
ROUND_SAVE_QUERIES = 27
COMMENT_QUERIES = 9
STEP_QUERIES = 12
SUBMIT_QUERIES = 19


@tagged("post_install", "-at_install")
class TestPortalQueries(QsrPortalCommon):
    """The SQL queries of the grid's routes do not grow with the grid: Alice
    answers the default grid (29 rows) and a copy of it cut to its first 10
    rows, and every route runs as many queries on both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        grid_10 = cls.grid.copy({"name": "Ten Rows"})
        grid_10.attribute_ids[10:].unlink()
        grid_10.area_ids.filtered(lambda area: not area.attribute_ids).unlink()
        review_10 = cls.env["qsr.review"].create(
            {
                "partner_id": cls.account.id,
                "review_type": "simalto",
                "grid_id": grid_10.id,
                "participant_ids": [
                    Command.create({"partner_id": cls.user_alice.partner_id.id})
                ],
            }
        )
        review_10.stage = "collect"
        cls.responses = review_10.response_ids | cls.response_alice
        for response in cls.responses:
            response._portal_ensure_token()

    def setUp(self):
        super().setUp()
        self.assertEqual(
            [len(response.line_ids) for response in self.responses], [10, 29]
        )
        self.authenticate(None, None)

    def _first_round(self, response):
        return response.grid_id._rounds_in_order()[0]

    def _to_first_round(self, response):
        self._fill_marks(response, current=1, acceptable=1)
        response._go_to_step(f"round_{self._first_round(response).id}")

    def _first_row(self, response):
        return response.line_ids[0].attribute_id

    # the page

    @warmup
    def test_page(self):
        for response in self.responses:
            with self.subTest(rows=len(response.line_ids)):
                with self.assertQueryCount(PAGE_QUERIES):
                    res = self.url_open(self._url(response))
                self.assertEqual(res.status_code, 200)
                self.assertEqual(
                    res.text.count('class="o_qsr_row"'), len(response.line_ids)
                )

    @warmup
    def test_round_page(self):
        for response in self.responses:
            self._to_first_round(response)
            with self.subTest(rows=len(response.line_ids)):
                with self.assertQueryCount(ROUND_PAGE_QUERIES):
                    res = self.url_open(self._url(response))
                self.assertEqual(res.status_code, 200)
                self.assertIn("o_qsr_budget", res.text)

    # JSON saves

    @warmup
    def test_save(self):
        for response in self.responses:
            attribute = self._first_row(response)
            level = self._level(attribute, 2)
            with self.subTest(rows=len(response.line_ids)):
                with self.assertQueryCount(SAVE_QUERIES):
                    result = self._save(response, "current", attribute.id, level.id)
                self.assertEqual(result["level_id"], level.id)

    @warmup
    def test_round_save(self):
        for response in self.responses:
            self._to_first_round(response)
            step = f"round_{self._first_round(response).id}"
            attribute = self._first_row(response)
            level = self._level(attribute, 2)
            with self.subTest(rows=len(response.line_ids)):
                with self.assertQueryCount(ROUND_SAVE_QUERIES):
                    result = self._save(response, step, attribute.id, level.id)
                self.assertEqual(result["level_id"], level.id)
                self.assertIn("budget", result)

    @warmup
    def test_comment(self):
        for response in self.responses:
            attribute = self._first_row(response)
            with self.subTest(rows=len(response.line_ids)):
                with self.assertQueryCount(COMMENT_QUERIES):
                    result = self._comment(response, "Faster, please", attribute.id)
                self.assertEqual(
                    result, {"comment": "Faster, please", "truncated": False}
                )

    # form posts

    @warmup
    def test_step(self):
        for response in self.responses:
            self._fill_marks(response)
            with self.subTest(rows=len(response.line_ids)):
                with self.assertQueryCount(STEP_QUERIES):
                    res = self._post(response, "/step", step="ideal")
                self.assertEqual(res.status_code, 303)

    @warmup
    def test_submit(self):
        for response in self.responses:
            self._fill_marks(response)
            response.step = "review"
            with self.subTest(rows=len(response.line_ids)):
                with self.assertQueryCount(SUBMIT_QUERIES):
                    res = self._post(response, "/submit")
                self.assertEqual(res.status_code, 303)
                response.invalidate_recordset(["state"])
                self.assertEqual(response.state, "submitted")
