from odoo.exceptions import AccessError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import QsrWorkshopCommon


@tagged("post_install", "-at_install")
class TestWorkshopAccess(QsrWorkshopCommon):
    def _actions(self):
        return self.env["qsr.workshop.action"].search(
            [("id", "in", (self.action_a_ours | self.action_b_theirs).ids)]
        )

    @users("t_qsr_am_a")
    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_account_manager(self):
        self.assertEqual(self._actions(), self.action_a_ours)
        action = self.env["qsr.workshop.action"].create(
            {
                "review_id": self.review_a.id,
                "name": "Weekly call",
                "side": "ours",
                "owner_user_id": self.env.user.id,
            }
        )
        action.state = "done"
        self.env["qsr.workshop.issue"].create(
            {"review_id": self.review_a.id, "side": "customer", "title": "Noise"}
        )
        self.assertEqual(
            self.env["qsr.workshop.issue"].search([]).review_id, self.review_a
        )
        action_b = self.action_b_theirs.with_user(self.env.user)
        with self.assertRaises(AccessError):
            action_b.read(["name"])
        with self.assertRaises(AccessError):
            action_b.write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["qsr.workshop.action"].create(
                {
                    "review_id": self.review_b.id,
                    "name": "Not mine",
                    "side": "theirs",
                    "owner_partner_id": self.portal_b.partner_id.id,
                }
            )

    @users("t_qsr_am_a")
    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_no_action_of_ours_on_another_account(self):
        """Owning an action shows it, so naming oneself its owner must not let
        anyone add an action to, or move one to, a review they cannot see."""
        Action = self.env["qsr.workshop.action"]
        council_sudo = (
            self.env["qsr.review"]
            .sudo()
            .create({"partner_id": self.account_a.id, "review_type": "council"})
        )
        for review in (self.review_b, council_sudo):
            with self.assertRaises(AccessError):
                Action.create(
                    {
                        "review_id": review.id,
                        "name": "Peek",
                        "side": "ours",
                        "owner_user_id": self.env.uid,
                    }
                )
        with self.assertRaises(AccessError):
            self.action_a_ours.with_user(self.env.user).write(
                {"review_id": self.review_b.id, "issue_id": False}
            )
        self.assertEqual(self.action_a_ours.review_id, self.review_a)

    @users("t_qsr_am_b")
    def test_owner_of_our_action_sees_it(self):
        self.action_a_ours.sudo().owner_user_id = self.user_am_b
        self.assertEqual(self._actions(), self.action_a_ours | self.action_b_theirs)

    @users("t_qsr_director")
    def test_director(self):
        self.assertEqual(self._actions(), self.action_a_ours | self.action_b_theirs)
        self.action_b_theirs.with_user(self.env.user).state = "cancelled"
        self.action_b_theirs.with_user(self.env.user).unlink()

    @users("t_qsr_internal")
    @mute_logger("odoo.addons.base.models.ir_model")
    def test_internal_user(self):
        for model in ("qsr.workshop.action", "qsr.workshop.issue"):
            with self.assertRaises(AccessError):
                self.env[model].search([])
        with self.assertRaises(AccessError):
            self.action_a_ours.with_user(self.env.user).read(["name"])

    @users("t_qsr_workshop_portal_a")
    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_portal_user(self):
        Action = self.env["qsr.workshop.action"]
        self.assertEqual(
            Action.search([]),
            self.action_a_ours | self.action_a_theirs | self.action_a_theirs_other,
        )
        mine = self.action_a_theirs.with_user(self.env.user)
        with self.assertRaises(AccessError):
            mine.write({"state": "done"})
        with self.assertRaises(AccessError):
            mine.unlink()
        with self.assertRaises(AccessError):
            Action.create(
                {
                    "review_id": self.review_a.id,
                    "name": "Mine",
                    "side": "theirs",
                    "owner_partner_id": self.env.user.partner_id.id,
                }
            )
        with self.assertRaises(AccessError):
            self.action_b_theirs.with_user(self.env.user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["qsr.workshop.issue"].search([])

    @users("t_qsr_workshop_portal_a")
    def test_portal_confidential_hidden(self):
        self.review_a.sudo().confidential = True
        self.assertFalse(self.env["qsr.workshop.action"].search([]))
