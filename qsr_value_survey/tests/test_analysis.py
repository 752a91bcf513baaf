from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ValueSurveyCommon


@tagged("post_install", "-at_install")
class TestValueSurveyAnalysis(ValueSurveyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.surveys = cls._send(cls.account_a | cls.account_m).review_ids
        cls._submit_all(cls.surveys)
        # a full QSR of another account, with the default grid
        cls.qsr = cls.env["qsr.review"].create(
            {
                "partner_id": cls.account_b.id,
                "review_type": "simalto",
                "participant_ids": [Command.create({"partner_id": cls.contact_b.id})],
            }
        )
        cls.qsr.action_next_stage()
        cls._submit_all(cls.qsr)
        cls.env.flush_all()

    def test_action_returns_value_survey_lines_only(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_value_survey.qsr_report_response_line_action_value_survey"
        )
        Report = self.env["qsr.report.response.line"]
        everything = Report.search([])
        self.assertIn(self.qsr, everything.review_id, "the report covers both tools")
        lines = Report.search(safe_eval(action["domain"]))
        self.assertEqual(set(lines.review_id.mapped("review_type")), {"value_survey"})
        self.assertNotIn(self.qsr, lines.review_id)
        ours = lines.filtered(lambda line: line.wave_id == self.wave)
        self.assertEqual(ours.review_id, self.surveys)
        self.assertEqual(
            len(ours), len(self.surveys.response_ids.line_ids), "every submitted line"
        )
        self.assertEqual(ours.attribute_id, self.grid.attribute_ids)

    def test_segments(self):
        """Corporate, tier and account figures from the same report."""
        Report = self.env["qsr.report.response.line"]
        domain = [
            ("review_id.review_type", "=", "value_survey"),
            ("wave_id", "=", self.wave.id),
        ]
        [(corporate,)] = Report._read_group(domain, [], ["account_ref:count_distinct"])
        self.assertEqual(corporate, 2)
        tiers = Report._read_group(domain, ["tier_id"], ["priority_index:avg"])
        self.assertEqual(
            {tier for tier, _index in tiers}, {self.tier_key, self.tier_maintain}
        )
        accounts = Report._read_group(
            domain, ["account_id"], ["respondent_ref:count_distinct"]
        )
        self.assertEqual(dict(accounts), {self.account_a: 2, self.account_m: 3})

    def test_results_tab_without_ideal(self):
        review = self.surveys.filtered(lambda r: r.partner_id == self.account_m)
        self.assertEqual(review.submitted_count, 3)
        analysis = review._analysis()
        self.assertEqual(
            set(analysis["summary"]["attribute_id"]), set(self.grid.attribute_ids.ids)
        )
        self.assertIn("Top priorities", review.analysis_html)
        self.assertIn("Nora Nomail", review.analysis_html)
