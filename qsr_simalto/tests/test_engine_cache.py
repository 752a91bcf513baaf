from odoo.exceptions import ValidationError
from odoo.fields import Command

from .common import SimaltoCommon


class TestEngineCache(SimaltoCommon):
    """What the engine needs of a grid is cached per grid: every change to the
    grid, its areas, attributes, levels or rounds reaches the next save (such
    changes are made before anyone answers: an answered grid is frozen, see
    test_grid_version)."""

    def _mark(self, response, marks):
        """marks: {attribute: (current, acceptable)} as positions 1..4."""
        levels = {self.response_time: self.rt, self.in_full: self.inf}
        for attribute, (current, acceptable) in marks.items():
            response._save_answer("current", attribute, levels[attribute][current - 1])
            response._save_answer(
                "acceptable", attribute, levels[attribute][acceptable - 1]
            )

    def _round_1(self, response, attribute, level):
        return response._save_answer(f"round_{self.round_1.id}", attribute, level)

    def test_level_cost_changed_before_the_first_save(self):
        self.grid._engine_grid()  # cached with the old cost
        self.rt[2].cost = 12
        response = self.response_a
        self._mark(response, {self.response_time: (1, 2), self.in_full: (1, 1)})
        # 48 h -> 8 h now costs 12, more than the 10 points of round 1
        with self.assertRaisesRegex(ValidationError, "12 points spent"):
            self._round_1(response, self.response_time, self.rt[2])
        line = self._round_1(response, self.response_time, self.rt[1])
        self.assertEqual(line.points_total, 4)
        self.assertEqual(response._validation_errors(), [])

    def test_round_budget_changed_before_the_first_save(self):
        self.grid._engine_grid()
        self.round_1.budget = 8
        response = self.response_a
        self._mark(response, {self.response_time: (1, 2), self.in_full: (1, 1)})
        with self.assertRaisesRegex(ValidationError, "more than the 8 points"):
            self._round_1(response, self.response_time, self.rt[2])

    def test_reduction_allowed_before_the_first_save(self):
        response = self.response_a
        self.grid._engine_grid()
        self.response_time.allow_reduction = True
        self._mark(response, {self.response_time: (3, 1), self.in_full: (1, 1)})
        self._round_1(response, self.response_time, self.rt[1])
        self.assertEqual(response._validation_errors(), [])

    def test_attribute_added_before_the_first_save(self):
        response = self.response_a
        self.grid._engine_frames(response.line_ids)
        invoicing = self.env["qsr.grid.attribute"].create(
            {
                "name": "Invoices right first time",
                "area_id": self.grid.area_ids.id,
                "sequence": 3,
                "level_ids": [
                    Command.create({"name": label, "cost": cost, "sequence": i})
                    for i, (label, cost) in enumerate([("95%", 0), ("99%", 5)], start=1)
                ],
            }
        )
        levels, attributes, _budgets, _responses, _lines = self.grid._engine_frames(
            response.line_ids
        )
        self.assertIn(invoicing.id, attributes["attribute_id"].tolist())
        self.assertEqual(
            attributes.set_index("attribute_id").loc[invoicing.id, "attribute_name"],
            "Invoices right first time",
        )
        self.assertEqual(
            sorted(levels[levels["attribute_id"] == invoicing.id]["cost"]), [0, 5]
        )
        # a response given a row for it: its levels are this row's levels
        self.env["qsr.response.line"].create(
            {"response_id": response.id, "attribute_id": invoicing.id}
        )
        best = invoicing.level_ids.sorted()[-1]
        self._mark(response, {self.response_time: (1, 2), self.in_full: (1, 1)})
        line = response._save_answer("current", invoicing, best)
        self.assertEqual(line.current_level_id, best)
        self.assertEqual(line.norm_current, 1.0)
        response._save_answer("acceptable", invoicing, best)
        self.assertEqual(response._validation_errors(), [])

    def test_level_deleted_and_levels_reordered(self):
        self.response_a._validation_errors()
        cached = {row[1] for row in self.grid._engine_grid()[0]}
        self.assertIn(self.rt[3].id, cached)
        self.rt[3].unlink()
        cached = {row[1]: row for row in self.grid._engine_grid()[0]}
        self.assertNotIn(self.rt[3].id, cached)
        # the best level of In full moved to the front: the worst now
        self.inf[3].write({"sequence": 0, "cost": -1})
        cached = {row[1]: row for row in self.grid._engine_grid()[0]}
        self.assertEqual(cached[self.inf[3].id][2:], (1, -1.0))
        self.assertEqual(cached[self.inf[0].id][2], 2)

    def test_callers_cannot_change_the_cache(self):
        levels = self.grid._engine_levels()
        levels["cost"] = 999.0
        budgets = self.grid._engine_budgets()
        budgets[0] = 0
        self.assertEqual(
            sorted(self.grid._engine_levels()["cost"]),
            [0, 0, 3, 4, 7, 10, 12, 16],
        )
        self.assertEqual(self.grid._engine_budgets(), [10, 10])
        self.assertIsInstance(self.grid._engine_grid()[0], tuple)

    def test_names_in_the_language_of_the_reader(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.response_time.with_context(lang="fr_FR").name = "Délai de réponse"
        attributes = self.grid._engine_attributes()
        french = self.grid.with_context(lang="fr_FR")._engine_attributes()
        self.assertIn("Response time", attributes["attribute_name"].tolist())
        self.assertIn("Délai de réponse", french["attribute_name"].tolist())

    def test_rounds_and_levels_reordered(self):
        """The page and the steps read rounds and levels in the cached order."""
        round_steps = [f"round_{self.round_1.id}", f"round_{self.round_2.id}"]
        keys = [key for key, _label in self.response_a._steps()]
        self.assertEqual(keys[3:5], round_steps)
        self.assertEqual(
            self.grid._levels_in_order()[self.response_time.id].ids, self.rt.ids
        )
        self.round_1.sequence = 3
        keys = [key for key, _label in self.response_a._steps()]
        self.assertEqual(keys[3:5], round_steps[::-1])
        self.assertEqual(
            self.grid._rounds_in_order().ids, [self.round_2.id, self.round_1.id]
        )
        # the worst level becomes the best
        self.rt[0].write({"sequence": 9, "cost": 20})
        self.assertEqual(
            self.grid._levels_in_order()[self.response_time.id].ids,
            [*self.rt[1:].ids, self.rt[0].id],
        )
        self.assertEqual(self.rt[0].position, 4)

    def test_change_rolled_back_with_a_savepoint(self):
        """Data cached under a key that a savepoint rollback undoes is never
        read again: the next change gives the grid a key of its own."""
        key = self.grid.engine_key
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.rt[2].cost = 12
            self.assertEqual(self._costs(), [0, 0, 3, 4, 7, 12, 12, 16])
            self.rt[3].cost = 11  # no longer rising: the whole batch fails
            self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.grid.engine_key, key)
        self.assertEqual(self._costs(), [0, 0, 3, 4, 7, 10, 12, 16])
        self.rt[2].cost = 11
        self.assertNotEqual(self.grid.engine_key, key)
        self.assertEqual(self._costs(), [0, 0, 3, 4, 7, 11, 12, 16])

    def test_key_of_each_grid(self):
        """A change renews the key of the grid it is part of, and only its."""
        other = self.grid.copy({"name": "Copy"})
        keys = (self.grid.engine_key, other.engine_key)
        self.assertNotEqual(*keys)
        self.inf[0].name = "85% in full"
        self.assertNotEqual(self.grid.engine_key, keys[0])
        self.assertEqual(other.engine_key, keys[1])

    def _costs(self):
        return sorted(self.grid._engine_levels()["cost"])
