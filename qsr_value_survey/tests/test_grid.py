from odoo.tests import tagged

from .common import ValueSurveyCommon


@tagged("post_install", "-at_install")
class TestValueSurveyGrid(ValueSurveyCommon):
    def test_short_grid(self):
        grid = self.grid
        self.assertEqual(grid.name, "Customer Value Survey")
        self.assertFalse(grid.ask_ideal)
        self.assertEqual(grid.round_ids.mapped("budget"), [15])
        self.assertTrue(3 <= len(grid.area_ids) <= 4)
        self.assertTrue(8 <= len(grid.attribute_ids) <= 10)
        for attribute in grid.attribute_ids:
            self.assertIn(len(attribute.level_ids), (3, 4), attribute.name)
        grid._check_ready()
        self.assertNotIn(
            "ideal", [key for key, _label in grid._steps()], "no ideal step"
        )

    def test_wizard_defaults(self):
        Wizard = self.env["qsr.value.survey.wizard"].with_context(
            active_model="res.partner",
            active_ids=[self.account_a.id, self.contact_b.id],
        )
        wizard = Wizard.create({})
        self.assertEqual(wizard.grid_id, self.grid)
        self.assertEqual(wizard.invite, "all")
        self.assertEqual(
            wizard.partner_ids,
            self.account_a | self.account_b,
            "a selected contact brings its company",
        )
