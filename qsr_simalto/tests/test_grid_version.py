from odoo.exceptions import RedirectWarning, UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SimaltoCommon


@tagged("post_install", "-at_install")
class TestGridVersion(SimaltoCommon):
    """An answered grid is frozen: what enters a figure is changed in a new
    version, and the figures of the answers stay as they were."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._answer_worked_example()
        cls.response_a.action_submit()

    def _figures(self):
        lines = self.review.response_ids.line_ids.sorted("id")
        return [
            (line.id, line.points_total, line.norm_current, line.gap_steps)
            for line in lines
        ] + [(r.id, r.points_bought, r.performance) for r in self.review.response_ids]

    def test_figure_changes_refused_with_new_version_offered(self):
        before = self._figures()
        key = self.grid.engine_key
        changes = [
            lambda: self.rt[2].write({"cost": 12}),
            lambda: self.rt[2].write({"sequence": 0}),
            lambda: self.round_1.write({"budget": 12}),
            lambda: self.response_time.write({"allow_reduction": True}),
            lambda: self.in_full.write({"sequence": 0}),
            lambda: self.grid.write({"ask_competitor": True}),
            lambda: self.rt[3].unlink(),
            lambda: self.round_2.unlink(),
            lambda: self.env["qsr.grid.level"].create(
                {"attribute_id": self.in_full.id, "name": "100%", "cost": 20}
            ),
            lambda: self.grid.write(
                {"round_ids": [Command.create({"name": "Round 3", "budget": 5})]}
            ),
        ]
        for change in changes:
            with self.assertRaises(RedirectWarning) as caught:
                change()
            message, action, button, context = caught.exception.args
            self.assertIn("has been answered", message)
            self.assertIn("new version", message)
            self.assertEqual(
                action, self.env.ref("qsr_simalto.qsr_grid_action_new_version").id
            )
            self.assertEqual(button, "New Version")
            self.assertEqual(context["active_id"], self.grid.id)
        self.env.invalidate_all()
        self.assertEqual(self._figures(), before)
        self.assertEqual(self.grid.engine_key, key)

    def test_wordings_stay_editable(self):
        before = self._figures()
        self.rt[2].name = "Within 8 hours"
        self.response_time.write({"name": "Time to answer", "description": "Calls"})
        self.round_1.name = "First round"
        self.grid.write({"name": "QSR 2026", "instructions": "<p>Mark today.</p>"})
        self.grid.area_ids.name = "Service levels"
        self.assertEqual(self._figures(), before)
        self.assertIn("Time to answer", self.grid.attribute_ids.mapped("name"))

    def test_writing_the_same_values_is_allowed(self):
        """A module's data loaded again (``-i`` of an installed addon) writes
        what the grid already holds: no figure changes, nothing is refused."""
        before = self._figures()
        self.rt[2].write({"cost": self.rt[2].cost, "sequence": self.rt[2].sequence})
        self.response_time.write(
            {"allow_reduction": self.response_time.allow_reduction, "name": "Time"}
        )
        self.grid.write({"ask_ideal": self.grid.ask_ideal, "ask_competitor": False})
        self.in_full.write({"area_id": self.in_full.area_id.id})
        self.assertEqual(self._figures(), before)
        with self.assertRaises(RedirectWarning):
            (self.rt[1] | self.rt[2]).write({"cost": self.rt[2].cost})

    def test_a_grid_only_invited_to_is_not_frozen(self):
        other = self.grid.copy({"name": "Not yet answered"})
        self.review_b.write({"grid_id": other.id, "review_type": "simalto"})
        self.review_b.action_next_stage()  # invitations: responses, none started
        self.assertFalse(other.answered)
        other.round_ids[0].budget = 15
        self.assertEqual(other.round_ids[0].budget, 15)
        self.assertTrue(self.grid.answered)

    def test_new_version(self):
        action = self.grid.action_new_version()
        new = self.env["qsr.grid"].browse(action["res_id"])
        self.assertEqual(new.version, 2)
        self.assertEqual(new.previous_version_id, self.grid)
        self.assertEqual(new.first_version_id, self.grid)
        self.assertEqual(self.grid.first_version_id, self.grid)
        self.assertFalse(self.grid.active, "the replaced version is archived")
        self.assertEqual(new.display_name, "Worked example (version 2)")
        # the same rows, each with the aspect of the row it copies
        self.assertEqual(
            sorted(new.attribute_ids.mapped("name")),
            sorted(self.grid.attribute_ids.mapped("name")),
        )
        self.assertEqual(new.attribute_ids.aspect_id, self.grid.attribute_ids.aspect_id)
        self.assertNotEqual(new.attribute_ids, self.grid.attribute_ids)
        self.assertEqual(new.round_ids.mapped("budget"), [10, 10])
        # the new version is free to change, the old one keeps its figures
        before = self._figures()
        new_rt = new.attribute_ids.filtered(lambda a: a.name == "Response time")
        new_rt.level_ids.sorted()[2].cost = 12
        new.round_ids[0].budget = 12
        new_row = self.env["qsr.grid.attribute"].create(
            {
                "name": "Invoices right first time",
                "area_id": new.area_ids.id,
                "level_ids": [
                    Command.create({"name": "95%", "cost": 0}),
                    Command.create({"name": "99%", "cost": 5, "sequence": 20}),
                ],
            }
        )
        self.assertNotIn(new_row.aspect_id, self.grid.attribute_ids.aspect_id)
        new._check_ready()
        self.assertEqual(self._figures(), before)
        self.assertEqual(self.grid._latest_version(), new)
        with self.assertRaisesRegex(UserError, "already replaced"):
            self.grid.action_new_version()

    def test_new_version_from_the_refusal(self):
        """The button of the refusal runs the server action on the grid."""
        with self.assertRaises(RedirectWarning) as caught:
            self.rt[2].cost = 12
        _message, action_id, _button, context = caught.exception.args
        action = self.env["ir.actions.server"].browse(action_id)
        result = action.with_context(**context).run()
        new = self.env["qsr.grid"].browse(result["res_id"])
        self.assertEqual(new.previous_version_id, self.grid)

    def test_answered_grid_archived_not_deleted(self):
        with self.assertRaisesRegex(UserError, "Archive it instead"):
            self.grid.unlink()
        self.grid.action_archive()
        self.assertFalse(self.grid.active)
        self.assertEqual(self.response_a.grid_id, self.grid)

    def test_next_review_carries_the_latest_version(self):
        self.review.meeting_date = "2026-03-01 10:00:00"
        new = self.env["qsr.grid"].browse(self.grid.action_new_version()["res_id"])
        action = self.review.action_plan_next_review()
        following = self.env["qsr.review"].browse(action["res_id"])
        self.assertEqual(following.grid_id, new)
        self.assertEqual(following.review_type, self.review.review_type)
        self.assertEqual(
            following.participant_ids.partner_id, self.review.participant_ids.partner_id
        )
        default = self.env.ref("qsr_simalto.grid_default")
        self.assertNotEqual(following.grid_id, default)

    def test_review_planned_later_follows_the_previous_grid(self):
        """A review planned by hand (or by the cadence job) follows the
        account's latest review, on that review's grid."""
        following = self.env["qsr.review"].create(
            {
                "partner_id": self.account_a.id,
                "review_type": "simalto",
                "date_planned": "2027-06-01",
            }
        )
        self.assertEqual(following.previous_review_id, self.review)
        self.assertEqual(following.grid_id, self.grid)
        interview = self.env["qsr.review"].create(
            {"partner_id": self.account_a.id, "review_type": "interview"}
        )
        self.assertFalse(interview.grid_id)

    def test_review_planned_before_keeps_its_version(self):
        """Reviews planned from the new version on use it; one planned before
        collects on the version it was planned on, unless changed by hand."""
        other = self.env["qsr.review"].create(
            {
                "partner_id": self.account_b.id,
                "review_type": "simalto",
                "grid_id": self.grid.id,
                "participant_ids": [Command.create({"partner_id": self.contact_b.id})],
            }
        )
        self.grid.action_new_version()
        other.action_next_stage()
        self.assertEqual(other.grid_id, self.grid)
        self.assertEqual(other.response_ids.grid_id, self.grid)

    def test_a_copy_is_another_grid(self):
        """A duplicate, unlike a new version, measures aspects of its own: it
        is never compared with the grid it was copied from."""
        copy = self.grid.copy({"name": "Another grid"})
        self.assertEqual(copy.version, 1)
        self.assertEqual(copy.first_version_id, copy)
        self.assertFalse(
            copy.attribute_ids.aspect_id & self.grid.attribute_ids.aspect_id
        )
        self.assertEqual(
            sorted(copy.attribute_ids.aspect_id.mapped("name")),
            sorted(self.grid.attribute_ids.mapped("name")),
        )
