from odoo.exceptions import RedirectWarning
from odoo.tests import tagged

from .common import ReportCommon

MEASURES = [
    "priority_index:avg",
    "distress_share:avg",
    "norm_current:avg",
    "norm_ideal:avg",
    "gap_steps:avg",
    "first_round_share:avg",
    "revenue_priority_index:avg",
    "revenue_distress_share:avg",
    "respondent_ref:count_distinct",
    "account_ref:count_distinct",
    "account_revenue:max",
    "weight:sum",
    "__count",
]
GROUPBYS = [
    [],
    ["attribute_id"],
    ["tier_id"],
    ["attribute_id", "tier_id"],
    ["area_id"],
    ["wave_id", "account_id"],
    ["account_manager_id", "profitability_class"],
    ["review_id", "attribute_id"],
]


@tagged("post_install", "-at_install")
class TestReviewAttributeSums(ReportCommon):
    """The priority analysis read from the sums per review and attribute gives
    the figures of the lines, and the sums follow every change of the lines."""

    def assertSameFigures(self, Report, domain, groupby, aggregates=MEASURES):
        from_sums = Report._read_group(domain, groupby, aggregates)
        from_lines = Report.with_context(qsr_report_read_lines=True)._read_group(
            domain, groupby, aggregates
        )
        self.assertEqual(len(from_sums), len(from_lines))
        for row_sums, row_lines in zip(from_sums, from_lines, strict=True):
            for spec, value_sums, value_lines in zip(
                [*groupby, *aggregates], row_sums, row_lines, strict=True
            ):
                if isinstance(value_lines, float):
                    self.assertAlmostEqual(value_sums, value_lines, 9, msg=spec)
                else:
                    self.assertEqual(value_sums, value_lines, spec)
        return from_sums

    def test_sums_give_the_figures_of_the_lines(self):
        Report = self.env["qsr.report.response.line"]
        domains = [
            [],
            [("account_id", "in", self.accounts.ids)],
            [("tier_id", "=", self.tier_key.id)],
            [("attribute_id", "=", self.response_time.id)],
            [("area_id", "!=", False), ("wave_id", "=", False)],
            [("contact_level", "=", "executive")],
        ]
        for domain in domains:
            for groupby in GROUPBYS:
                with self.subTest(domain=domain, groupby=groupby):
                    self.assertSameFigures(Report, domain, groupby)

    def test_the_pivot_reads_the_sums(self):
        """Every call of the priority matrix (attribute x tier: cells, rows,
        columns, total) and of the graph by area goes to the sums; a filter on
        the contact's level, the respondents of an area, or a measure the sums
        do not hold go to the lines."""
        Report = self.env["qsr.report.response.line"]
        pivot = [
            "priority_index:avg",
            "distress_share:avg",
            "respondent_ref:count_distinct",
        ]
        for groupby in ([], ["attribute_id"], ["tier_id"], ["attribute_id", "tier_id"]):
            self.assertTrue(Report._review_attribute_aggregates([], groupby, pivot, ()))
        self.assertEqual(
            Report._review_attribute_aggregates([], ["tier_id"], pivot, ()),
            ["priority_index:avg", "distress_share:avg", "response_count:sum"],
        )
        self.assertEqual(
            Report._review_attribute_aggregates(
                [], ["attribute_id"], ["respondent_ref:count_distinct", "__count"], ()
            ),
            ["line_count:sum", "line_count:sum"],
        )
        self.assertTrue(
            Report._review_attribute_aggregates([], ["area_id"], pivot[:2], ())
        )
        for domain, groupby, aggregates in (
            ([("contact_level", "=", "executive")], ["attribute_id"], pivot[:1]),
            ([], ["contact_id"], pivot[:1]),
            ([], ["area_id"], pivot),
            ([("area_id", "=", self.response_time.area_id.id)], [], pivot),
            ([], ["attribute_id"], ["norm_current:sum"]),
            ([("id", "in", [1])], [], pivot[:1]),
        ):
            with self.subTest(domain=domain, groupby=groupby):
                self.assertIsNone(
                    Report._review_attribute_aggregates(domain, groupby, aggregates, ())
                )

    def test_account_manager_reads_own_accounts_from_the_sums(self):
        Report = self.env["qsr.report.response.line"].with_user(self.user_am_a)
        Sums = self.env["qsr.report.review.attribute.analysis"]
        # the record rules of the sums keep to the account manager's accounts
        self.assertLess(
            Sums.with_user(self.user_am_a).search_count([]), Sums.search_count([])
        )
        for groupby in GROUPBYS:
            with self.subTest(groupby=groupby):
                self.assertSameFigures(Report, [], groupby)
        (total,) = Report._read_group(
            [], [], ["respondent_ref:count_distinct", "account_ref:count_distinct"]
        )
        self.assertEqual(total, (2, 1))  # A and B of Alpha Industries only
        accounts = Report._read_group([], ["account_id"], ["__count"])
        self.assertEqual([account for account, _count in accounts], [self.account_a])
        self.assertEqual(accounts[0][0].env.user, self.user_am_a)

    def assertSumsFollowLines(self):
        """The stored sums are those of the submitted lines, review by review."""
        Report = self.env["qsr.report.response.line"]
        self.env.flush_all()
        self.env["qsr.report.review.attribute"].invalidate_model()
        columns = ["line_count", "weight", "w_distress", "w_points_share", "w_spender"]
        stored = {
            (row["review_id"][0], row["attribute_id"][0]): [row[c] for c in columns]
            for row in self.env["qsr.report.review.attribute"].search_read(
                [("review_id", "in", self.reviews.ids)],
                ["review_id", "attribute_id", *columns],
            )
        }
        expected = {
            (review.id, attribute.id): [count, *sums]
            for review, attribute, count, *sums in Report.with_context(
                qsr_report_read_lines=True
            )._read_group(
                [("review_id", "in", self.reviews.ids)],
                ["review_id", "attribute_id"],
                ["__count", *(f"{c}:sum" for c in columns[1:])],
            )
        }
        self.assertEqual(stored.keys(), expected.keys())
        for key, values in expected.items():
            for column, value, stored_value in zip(
                columns, values, stored[key], strict=True
            ):
                self.assertAlmostEqual(stored_value, value or 0.0, msg=column)
        responses = {
            review.id: count
            for review, count in self.env["qsr.report.review.attribute"]._read_group(
                [("review_id", "in", self.reviews.ids)],
                ["review_id"],
                ["response_count:sum"],
            )
        }
        submitted = {
            review.id: count
            for review, count in self.env["qsr.response"]._read_group(
                [("review_id", "in", self.reviews.ids), ("state", "=", "submitted")],
                ["review_id"],
                ["__count"],
            )
        }
        self.assertEqual(responses, submitted)

    def test_sums_follow_every_change(self):
        self.reviews = self.review_a | self.review_b
        self.assertSumsFollowLines()
        self.assertEqual(
            self.env["qsr.report.review.attribute"].search_count(
                [("review_id", "in", self.reviews.ids)]
            ),
            4,  # two reviews, two attributes
        )
        # an influence weight changed after the submission (a recomputed
        # related field: no write() on the response)
        self.response_a.participant_id.weight = 1
        self.assertEqual(self.response_a.weight, 1)
        self.assertSumsFollowLines()
        # the contact's level changed: the weight follows it
        self.response_c.participant_id.contact_level = "executive"
        self.assertSumsFollowLines()
        # a line of a submitted grid changed, as an import would
        line = self.response_b.line_ids[0]
        line.write({"current_level_id": line.attribute_id.level_ids[-1].id})
        self.assertSumsFollowLines()
        # a level's cost of the answered grid cannot change (a new version
        # would): the sums stay as they are
        with self.assertRaises(RedirectWarning):
            self.rt[2].cost += 1
        self.assertSumsFollowLines()
        # a grid reopened, then submitted again
        self.response_c.state = "progress"
        self.assertSumsFollowLines()
        self.assertFalse(
            self.env["qsr.report.review.attribute"].search(
                [("review_id", "=", self.review_b.id)]
            )
        )
        self.response_c.action_submit()
        self.assertSumsFollowLines()
        # a line of a submitted grid deleted
        self.response_a.line_ids[0].unlink()
        self.assertSumsFollowLines()
        # a submitted grid deleted
        self.response_b.unlink()
        self.assertSumsFollowLines()
        # a participant deleted: their grid goes by the database's cascade
        self.response_a.participant_id.unlink()
        self.assertSumsFollowLines()
        self.assertFalse(
            self.env["qsr.report.review.attribute"].search(
                [("review_id", "=", self.review_a.id)]
            )
        )
        # a review deleted: its responses go by the database's cascade
        self.review_b.stage = "cancel"
        self.review_b.unlink()
        self.reviews = self.review_a
        self.assertSumsFollowLines()
        self.assertFalse(
            self.env["qsr.report.review.attribute"].search(
                [("review_id", "=", self.review_b.id)]
            )
        )

    def test_a_grid_created_submitted_is_summed(self):
        """A grid imported already submitted counts at once."""
        self.reviews = self.review_b
        contact = self.env["res.partner"].create(
            {"name": "Dora Dispatcher", "parent_id": self.account_b.id}
        )
        participant = self.env["qsr.review.participant"].create(
            {"review_id": self.review_b.id, "partner_id": contact.id}
        )
        response = self.env["qsr.response"].create(
            {
                "review_id": self.review_b.id,
                "participant_id": participant.id,
                "grid_id": self.grid.id,
                "state": "submitted",
            }
        )
        self.assertEqual(response.state, "submitted")
        self.assertSumsFollowLines()
        self.assertEqual(
            sum(
                self.env["qsr.report.review.attribute"]
                .search([("review_id", "=", self.review_b.id)])
                .mapped("response_count")
            ),
            2,
        )

    def test_refresh_rebuilds_the_sums(self):
        """What the module's installation and migration run: the sums of every
        review rebuilt from the lines, identical to those kept by the ORM."""
        self.reviews = self.review_a | self.review_b
        Sums = self.env["qsr.report.review.attribute"]
        columns = ["review_id", "attribute_id", "line_count", "response_count"]

        def rows():
            Sums.invalidate_model()
            return {
                tuple(row[c] for c in columns)
                for row in Sums.search_read([], columns, load=None)
            }

        kept = rows()
        self.assertTrue(kept)
        self.env.cr.execute("DELETE FROM qsr_report_review_attribute")
        self.assertFalse(rows())
        Sums._refresh()
        self.assertEqual(rows(), kept)
        self.assertSumsFollowLines()
        # one review's, in one statement, that changes nothing when run again
        with self.assertQueryCount(1):
            Sums._refresh(self.review_a)
        self.assertEqual(rows(), kept)
