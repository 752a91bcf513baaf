from odoo.tests import tagged, users, warmup

from ..report.portfolio_data import portfolio_frames
from .common import ReportCommon

PIVOT_MEASURES = [
    "priority_index:avg",
    "distress_share:avg",
    "respondent_ref:count_distinct",
]


@tagged("post_install", "-at_install")
class TestAnalysisQueries(ReportCommon):
    """The SQL queries of the analysis's reads, counted with caches warm and
    the records' cache empty: a fixed number whatever the number of rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wave = cls.env["qsr.wave"].create(
            {"name": "Test wave", "date_start": "2040-01-01", "date_end": "2040-03-31"}
        )
        (cls.review | cls.review_b).wave_id = cls.wave

    @users("t_qsr_director", "t_qsr_am_a")
    @warmup
    def test_pivot_attribute_by_tier(self):
        """The cells of the priority matrix, as the web pivot reads them: the
        sums, then the groups' names and order."""
        Report = self.env["qsr.report.response.line"]
        self.env.invalidate_all()
        with self.assertQueryCount(t_qsr_director=5, t_qsr_am_a=5):
            groups = Report.read_group(
                [], PIVOT_MEASURES, ["attribute_id", "tier_id"], lazy=False
            )
        self.assertTrue(groups)

    @users("t_qsr_director")
    @warmup
    def test_benchmark_of_an_account(self):
        Report = self.env["qsr.report.response.line"]
        self.env.invalidate_all()
        # the account, its tier and the portfolio, then the attributes named
        with self.assertQueryCount(6):
            table = Report._benchmark(self.account_a, self.wave)
        self.assertEqual(len(table), 2)

    @users("t_qsr_director")
    @warmup
    def test_portfolio_matrix_data(self):
        self.env.invalidate_all()
        # one read of the sums, then the attributes, tiers and accounts named
        with self.assertQueryCount(8):
            frames = portfolio_frames(
                self.env, self.wave, ["tier_id", "account_id"], self.grid
            )
        matrix, counts, dims = frames["account_id"]
        self.assertEqual(len(matrix), 2)
        self.assertEqual(len(dims), 2)
        self.assertEqual(counts["all"].tolist(), [3, 2])  # respondents, accounts
