from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SimaltoCommon


@tagged("post_install", "-at_install")
class TestGrid(SimaltoCommon):
    def test_default_grid_is_usable_as_is(self):
        grid = self.env.ref("qsr_simalto.grid_default")
        grid._check_ready()
        self.assertEqual(
            grid.area_ids.sorted().mapped("name"),
            [
                "Product Quality",
                "Delivery",
                "Ordering and Payment",
                "Account and Technical Service",
                "Systems and Communications",
                "Business Focus and Strategy",
                "Price",
            ],
        )
        self.assertGreaterEqual(grid.attribute_count, 25)
        self.assertEqual(len(grid.round_ids), 3)
        names = " ".join(grid.attribute_ids.mapped("name")).lower()
        for soft in ("trust", "idea", "ad hoc", "responsive"):
            self.assertIn(soft, names)
        for attribute in grid.attribute_ids:
            self.assertIn(attribute.level_count, (4, 5))

    def test_levels_need_rising_costs(self):
        with self.assertRaises(ValidationError):
            self.rt[2].cost = 2  # below level 2's 4 points

    def test_at_least_two_levels(self):
        with self.assertRaises(ValidationError):
            self.env["qsr.grid.attribute"].create(
                {
                    "name": "One level",
                    "area_id": self.grid.area_ids.id,
                    "level_ids": [Command.create({"name": "Only", "cost": 0})],
                }
            )

    def test_at_least_one_round_and_no_empty_area(self):
        with self.assertRaises(ValidationError):
            self.grid.round_ids = [Command.clear()]
        self.grid.area_ids = [Command.create({"name": "Empty"})]
        with self.assertRaises(ValidationError):
            self.grid._check_ready()

    def test_positions_follow_sequence(self):
        self.assertEqual(self.rt.mapped("position"), [1, 2, 3, 4])

    def test_steps(self):
        keys = [key for key, _label in self.grid._steps()]
        self.assertEqual(
            keys,
            [
                "current",
                "acceptable",
                "ideal",
                f"round_{self.round_1.id}",
                f"round_{self.round_2.id}",
                "review",
            ],
        )
        self.grid.ask_competitor = True
        self.assertIn("competitor", [key for key, _label in self.grid._steps()])
