import contextlib

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.qsr_review.controllers.portal import QsrPortal


class QsrWorkshopPortal(QsrPortal):
    """The workshop action plan of the contact's account; the contact who owns
    one of the customer's actions updates its state and progress."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "qsr_action_count" in counters:
            values["qsr_action_count"] = self._qsr_count(
                "qsr.workshop.action", self._qsr_actions_domain(open_only=True)
            )
        return values

    def _qsr_actions_domain(self, open_only=False):
        domain = [("account_id", "=", request.env.user.commercial_partner_id.id)]
        if open_only:
            domain.append(("state", "in", ("todo", "in_progress")))
        return domain

    def _qsr_render_actions(self, errors=None, updated=None):
        actions = self._qsr_search("qsr.workshop.action", self._qsr_actions_domain())
        # read through sudo once access is checked: theirs first, open first
        actions_sudo = actions.sudo().sorted(
            key=lambda a: (
                a.side != "theirs",
                a.state in ("done", "cancelled"),
                a.date_deadline or a.create_date.date(),
                a.id,
            )
        )
        return self._qsr_render(
            "qsr_workshop.portal_my_qsr_actions",
            "qsr_actions",
            actions=actions_sudo,
            partner=request.env.user.partner_id,
            states=self._qsr_states("qsr.workshop.action"),
            errors=errors or [],
            updated=updated,
        )

    @http.route("/my/qsr/actions", type="http", auth="user", website=True)
    def portal_my_qsr_actions(self, updated=None, **kw):
        action_updated = None
        if updated:
            with contextlib.suppress(UserError):
                action_id = self._qsr_id(updated)
                action_updated = request.env["qsr.workshop.action"].browse(action_id)
        return self._qsr_render_actions(updated=action_updated)

    @http.route(
        "/my/qsr/actions/<int:action_id>/update",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_qsr_action_update(self, action_id, state=None, progress_note=None, **kw):
        env = request.env
        action_sudo = self._qsr_document("qsr.workshop.action", action_id)
        if not action_sudo:
            return self._qsr_render_actions(
                errors=[env._("This action does not exist or is not one of yours.")]
            )
        try:
            # written as the contact, whom the tracking of the change names
            action_sudo.with_user(env.user).sudo()._portal_update(
                env.user.partner_id, state or "", progress_note
            )
        except UserError as error:
            return self._qsr_render_actions(errors=[error.args[0]])
        return request.redirect(f"/my/qsr/actions?updated={action_sudo.id}")
