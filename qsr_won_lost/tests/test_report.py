from datetime import datetime

from odoo.fields import Command
from odoo.tests import tagged

from .common import QsrWonLostCommon

Q1 = datetime(2025, 2, 10, 10, 0)
Q2 = datetime(2025, 5, 20, 10, 0)


@tagged("post_install", "-at_install")
class TestWonLostReports(QsrWonLostCommon):
    """Account A (tier Key) closes 3 won and 1 lost in Q1 2025, 1 won and 2 lost
    in Q2; account B (tier Strategic) 2 won in Q1, 1 lost in Q2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = [
            (cls.account_a, Q1, ["won", "won", "won", "lost"]),
            (cls.account_a, Q2, ["won", "lost", "lost"]),
            (cls.account_b, Q1, ["won", "won"]),
            (cls.account_b, Q2, ["lost"]),
        ]
        cls.leads = {}
        for account, date_closed, outcomes in plan:
            for outcome in outcomes:
                lead = cls._create_opportunity(account)
                if outcome == "won":
                    lead.action_set_won()
                else:
                    lead.action_set_lost()
                lead.date_closed = date_closed
                cls.leads.setdefault((account, date_closed, outcome), []).append(lead)
        # an open opportunity and a plain company's deals are not counted
        cls._create_opportunity(cls.account_a)
        cls._create_opportunity(cls.account_plain).action_set_won()
        cls.accounts = cls.account_a | cls.account_b

        def review(account, date_closed, outcome, index=0):
            leads = cls.leads[(account, date_closed, outcome)]
            return leads[index].qsr_won_lost_review_ids

        review(cls.account_a, Q1, "won", 0).write(
            {
                "won_lost_reason_ids": [
                    Command.set([cls.reason_price.id, cls.reason_service.id])
                ],
                "competitor": "Omega",
            }
        )
        review(cls.account_a, Q1, "won", 1).won_lost_reason_ids = cls.reason_service
        review(cls.account_a, Q2, "lost", 0).write(
            {
                "won_lost_reason_ids": [
                    Command.set([cls.reason_price.id, cls.reason_incumbent.id])
                ],
                "competitor": "Omega",
            }
        )
        review(cls.account_b, Q2, "lost").won_lost_reason_ids = cls.reason_incumbent
        cls.env.flush_all()

    def test_reviews_proposed_for_every_closed_deal(self):
        reviews = self.env["qsr.review"].search(
            [("partner_id", "in", self.accounts.ids), ("review_type", "=", "won_lost")]
        )
        self.assertEqual(len(reviews), 10)
        self.assertEqual(reviews.mapped("outcome").count("won"), 6)

    def test_lessons_reasons_by_outcome(self):
        Report = self.env["qsr.report.won.lost"]
        domain = [("account_id", "in", self.accounts.ids)]
        # one row per review and reason, one for each review without reasons
        self.assertEqual(Report.search_count(domain), 6 + 6)
        counts = {
            (reason, outcome): count
            for reason, outcome, count in Report._read_group(
                [*domain, ("reason_id", "!=", False)],
                ["reason_id", "outcome"],
                ["__count"],
            )
        }
        self.assertEqual(
            counts,
            {
                (self.reason_price, "won"): 1,
                (self.reason_price, "lost"): 1,
                (self.reason_service, "won"): 2,
                (self.reason_incumbent, "lost"): 2,
            },
        )
        by_quarter = dict(
            Report._read_group(
                [*domain, ("reason_id", "=", self.reason_incumbent.id)],
                ["quarter"],
                ["__count"],
            )
        )
        self.assertEqual(by_quarter, {"2025-Q2": 2})
        competitors = dict(
            Report._read_group(
                [*domain, ("competitor", "=", "Omega")], ["outcome"], ["__count"]
            )
        )
        self.assertEqual(competitors, {"won": 2, "lost": 2})
        row = Report.search([*domain, ("reason_id", "=", self.reason_service.id)])[0]
        self.assertEqual(row.tier_id, self.tier_key)
        self.assertEqual(str(row.date_closed), "2025-02-10")

    def _win_loss(self, groupby):
        return {
            tuple(group): (won, lost, ratio)
            for *group, won, lost, ratio in self.env["qsr.report.win.loss"]._read_group(
                [("account_id", "in", self.accounts.ids)],
                groupby,
                ["won:sum", "lost:sum", "ratio:avg"],
            )
        }

    def test_win_loss_by_tier(self):
        self.assertEqual(
            self._win_loss(["tier_id"]),
            {
                (self.tier_key,): (4, 3, 4 / 3),
                (self.tier_strategic,): (2, 1, 2.0),
            },
        )

    def test_win_loss_by_quarter(self):
        # the ratio of the quarter, not the average of the rows' ratios
        result = self._win_loss(["date_closed:quarter"])
        self.assertEqual(
            {str(date): values for (date,), values in result.items()},
            {"2025-01-01": (5, 1, 5.0), "2025-04-01": (1, 3, 1 / 3)},
        )
        self.assertEqual(
            self._win_loss(["quarter"]),
            {("2025-Q1",): (5, 1, 5.0), ("2025-Q2",): (1, 3, 1 / 3)},
        )

    def test_win_loss_by_tier_and_quarter(self):
        self.assertEqual(
            self._win_loss(["tier_id", "quarter"]),
            {
                (self.tier_key, "2025-Q1"): (3, 1, 3.0),
                (self.tier_key, "2025-Q2"): (1, 2, 0.5),
                # nothing lost: no ratio
                (self.tier_strategic, "2025-Q1"): (2, 0, False),
                (self.tier_strategic, "2025-Q2"): (0, 1, 0.0),
            },
        )

    def test_win_loss_excludes_open_and_plain_deals(self):
        Report = self.env["qsr.report.win.loss"]
        self.assertEqual(
            Report.search_count([("account_id", "in", self.accounts.ids)]), 10
        )
        self.assertFalse(Report.search([("account_id", "=", self.account_plain.id)]))

    def test_win_loss_in_pivot(self):
        """The web client's read_group (pivot, list groups) gets the same ratio."""
        groups = self.env["qsr.report.win.loss"].read_group(
            [("account_id", "in", self.accounts.ids)],
            ["won:sum", "lost:sum", "ratio:avg"],
            ["tier_id"],
        )
        ratios = {group["tier_id"][0]: group["ratio"] for group in groups}
        self.assertAlmostEqual(ratios[self.tier_key.id], 4 / 3)
        self.assertAlmostEqual(ratios[self.tier_strategic.id], 2.0)
