from contextlib import contextmanager

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SimaltoCommon, saved_answers
from .price_common import PRICE_LEVELS, PricedCommon, new_priced_grid, price_row_values


@tagged("post_install", "-at_install")
class TestPriceRowValidation(SimaltoCommon):
    """The rules of the price row, on a grid nobody has answered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grid_p = new_priced_grid(cls.env, "Validation")
        cls.area_p = cls.grid_p.area_ids
        cls.price_p = cls.grid_p._price_attribute()

    @contextmanager
    def _refused(self, regex):
        """A ValidationError matching ``regex``, whose changes are rolled back."""
        with self.assertRaisesRegex(ValidationError, regex), self.env.cr.savepoint():
            yield
        self.env.invalidate_all()

    def test_point_value(self):
        # (10 - -5) / (25 - -20) = 15 / 45 percent of the spend per point
        self.assertAlmostEqual(self.grid_p.point_value, 15 / 45)
        self.assertEqual(self.grid_p._price_level_as_now().name, "As now")
        # without a price row nothing is priced
        self.assertEqual(self.grid.point_value, 0.0)
        self.assertFalse(self.grid._price_level_as_now())

    def test_one_price_row_per_grid(self):
        with self._refused("one price row at most"):
            self.env["qsr.grid.attribute"].create(
                price_row_values(self.area_p, name="Second price")
            )
        with self._refused("one price row at most"):
            self.grid_p.attribute_ids.filtered(lambda a: not a.is_price).write(
                {"is_price": True}
            )

    def test_prices_fall_from_worst_to_best(self):
        levels = [("5% less", -5, -20), ("As now", 0, 0), ("10% more", 10, 25)]
        with self._refused("highest price to the lowest"):
            self.env["qsr.grid.attribute"].create(
                price_row_values(self.grid.area_ids, levels=levels)
            )
        # equal prices on two levels are refused too
        with self._refused("highest price to the lowest"):
            self.price_p.level_ids.sorted()[1].price_change = 10
        # a level edited on its own is checked against its row
        with self._refused("highest price to the lowest"):
            self.price_p.level_ids.sorted()[-1].price_change = 1

    def test_as_now_level_required(self):
        levels = [("10% more", 10, -20), ("5% more", 5, -10), ("3% less", -3, 12)]
        with self._refused("'as now' level"):
            self.env["qsr.grid.attribute"].create(
                price_row_values(self.grid.area_ids, levels=levels)
            )
        # "as now" at a cost other than 0
        levels = [("10% more", 10, -20), ("As now", 0, 5), ("3% less", -3, 12)]
        with self._refused("costs 0 points"):
            self.env["qsr.grid.attribute"].create(
                price_row_values(self.grid.area_ids, levels=levels)
            )
        as_now = self.price_p.level_ids.filtered(lambda lv: lv.name == "As now")
        with self._refused("costs 0 points"):
            as_now.cost = 1

    def test_price_row_allows_reductions(self):
        with self._refused("must allow reductions"):
            self.env["qsr.grid.attribute"].create(
                price_row_values(self.grid.area_ids, allow_reduction=False)
            )
        self.assertTrue(self.price_p.allow_reduction, "set with the price row")
        with self._refused("must allow reductions"):
            self.price_p.allow_reduction = False
        # a row that becomes the price row allows reductions from then on
        row = self.env["qsr.grid.attribute"].create(
            dict(price_row_values(self.grid.area_ids), is_price=False)
        )
        self.assertFalse(row.allow_reduction)
        row.is_price = True
        self.assertTrue(row.allow_reduction)
        # an ordinary row keeps its own setting
        self.assertFalse(self.response_time.allow_reduction)
        self.in_full.allow_reduction = True
        self.assertTrue(self.in_full.allow_reduction)

    def test_price_change_ignored_off_the_price_row(self):
        """A price change typed on another row is allowed and ignored: the
        point value comes from the price row alone."""
        row = self.grid_p.attribute_ids.filtered(lambda a: not a.is_price)
        row.level_ids.sorted()[0].price_change = 50
        self.assertAlmostEqual(self.grid_p.point_value, 15 / 45)
        # and a grid without a price row stays unpriced
        self.rt[0].price_change = 7
        self.assertEqual(self.grid.point_value, 0.0)

    def test_ready_grid_checks_the_price_row(self):
        """A price row whose levels were created one by one is checked
        before the grid is sent out."""
        row = self.env["qsr.grid.attribute"].create(
            {
                "name": "Price, level by level",
                "area_id": self.grid.area_ids.id,
                "allow_reduction": True,
            }
        )
        self.env["qsr.grid.level"].create(
            [
                {"attribute_id": row.id, "name": "More", "price_change": 5, "cost": -5},
                {"attribute_id": row.id, "name": "Less", "price_change": -5, "cost": 5},
            ]
        )
        with self._refused("'as now' level"):
            row.is_price = True


@tagged("post_install", "-at_install")
class TestPriceRowAnswers(PricedCommon):
    """Today's level on the price row is "as now" for every respondent."""

    def test_preset_as_now(self):
        for response in self.review.response_ids:
            line = response.line_ids.filtered(lambda line: line.attribute_id.is_price)
            self.assertEqual(line.current_level_id, self.as_now)
            other = response.line_ids - line
            self.assertFalse(other.current_level_id)

    def test_today_on_the_price_row_refused(self):
        response = self.response_a
        response._save_answer("current", self.response_time, self.rt[1])
        response._save_answer("acceptable", self.price, self.pr[1])
        before = saved_answers(response)
        for level in self.pr:
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                response._save_answer("current", self.price, level)
        self.assertEqual(saved_answers(response), before)
        self.assertEqual(response.step, "acceptable")

    def test_portal_page_shows_today_fixed(self):
        values = self.response_a._get_portal_grid_values("current")
        rows = {row["attribute"]: row for a in values["areas"] for row in a["rows"]}
        price_row = rows[self.price]
        self.assertTrue(price_row["fixed"])
        self.assertEqual(
            [(c["level"], c["checked"], c["disabled"]) for c in price_row["cells"]],
            [(level, level == self.as_now, level != self.as_now) for level in self.pr],
        )
        self.assertFalse(rows[self.response_time]["fixed"])
        self.assertFalse(any(c["disabled"] for c in rows[self.response_time]["cells"]))
        # the other steps of the price row are choices
        values = self.response_a._get_portal_grid_values("acceptable")
        rows = {row["attribute"]: row for a in values["areas"] for row in a["rows"]}
        self.assertFalse(any(c["disabled"] for c in rows[self.price]["cells"]))

    def test_rise_releases_points_never_below_acceptable(self):
        response = self.response_b
        response._save_answer("current", self.response_time, self.rt[1])
        response._save_answer("acceptable", self.response_time, self.rt[1])
        response._save_answer("acceptable", self.price, self.pr[1])
        round_1 = f"round_{self.round_1.id}"
        # 10% more is below the acceptable 5% more
        with self.assertRaises(ValidationError):
            response._save_answer(round_1, self.price, self.pr[0])
        response._save_answer(round_1, self.price, self.pr[1])
        self.assertEqual(response._budget_status(self.round_1), (10, -10))
        response._save_answer(round_1, self.response_time, self.rt[3])
        self.assertEqual(response._budget_status(self.round_1), (10, 2))

    def test_submitted_lines(self):
        self._answer_priced()
        price_b = self.response_b.line_ids.filtered("attribute_id.is_price")
        self.assertEqual(price_b.final_level_id, self.pr[1])
        self.assertEqual(price_b.points_total, -10)
        self.assertTrue(price_b.price_rise)
        self.assertEqual(price_b.wtp, 0.0)
        price_a = self.response_a.line_ids.filtered("attribute_id.is_price")
        self.assertFalse(price_a.price_rise)


@tagged("post_install", "-at_install")
class TestDefaultPriceRow(SimaltoCommon):
    """The default grid's price row, added once, in a new version when the
    latest version has been answered."""

    def test_default_grid_has_its_price_row(self):
        default = self.env.ref("qsr_simalto.grid_default")
        latest = default.with_context(active_test=False)._latest_version()
        row = latest._price_attribute()
        self.assertEqual(row.name, "Price you pay")
        self.assertTrue(row.allow_reduction)
        levels = row.level_ids.sorted()
        self.assertEqual(
            [(lv.price_change, lv.cost) for lv in levels],
            [(change, cost) for _label, change, cost in PRICE_LEVELS],
        )
        self.assertAlmostEqual(latest.point_value, 15 / 45)
        # a second call changes nothing
        count = self.env["qsr.grid.attribute"].search_count([])
        self.assertEqual(self.env["qsr.grid"]._add_default_price_row(), latest)
        self.assertEqual(self.env["qsr.grid.attribute"].search_count([]), count)

    def test_answered_grid_gets_a_new_version(self):
        self._answer_worked_example()
        self.assertTrue(self.grid.answered)
        new = self.env["qsr.grid"]._add_default_price_row(self.grid)
        self.assertEqual(new.previous_version_id, self.grid)
        self.assertEqual(new.version, 2)
        self.assertEqual(new._price_attribute().name, "Price you pay")
        self.assertFalse(self.grid._price_attribute(), "answered: unchanged")
        self.assertEqual(len(new.attribute_ids), 3)
        self.assertAlmostEqual(new.point_value, 15 / 45)
        # idempotent
        self.assertEqual(self.env["qsr.grid"]._add_default_price_row(self.grid), new)
        self.assertFalse(new.next_version_ids)
        self.assertEqual(len(new.attribute_ids), 3)

    def test_unanswered_grid_gets_the_row_in_place(self):
        """A grid not answered yet gets the row itself, and its responses
        not started yet get a line on it, "as now" today."""
        self.assertFalse(self.grid.answered)
        grid = self.env["qsr.grid"]._add_default_price_row(self.grid)
        self.assertEqual(grid, self.grid)
        row = grid._price_attribute()
        self.assertTrue(row)
        for response in self.review.response_ids:
            line = response.line_ids.filtered(lambda line: line.attribute_id == row)
            self.assertEqual(line.current_level_id, grid._price_level_as_now())
