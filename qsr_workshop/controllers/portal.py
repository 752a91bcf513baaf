import contextlib
import re
from urllib.parse import parse_qs, urlencode, urlsplit

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.qsr_review.controllers.portal import QsrPortal, unless_just_updated

# where an update may send the contact back: a plan page of the portal
PLAN_PATH = re.compile(r"/my/qsr/plans/([0-9]{1,10})")


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
            account_plan=self._qsr_account_plan().sudo(),
        )

    @http.route(
        "/my/qsr/actions",
        type="http",
        auth="user",
        website=True,
        readonly=unless_just_updated,
    )
    def portal_my_qsr_actions(self, updated=None, **kw):
        self._qsr_use_lang(request.env.user.partner_id)
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
    def portal_qsr_action_update(
        self, action_id, state=None, progress_note=None, redirect=None, **kw
    ):
        self._qsr_use_lang(request.env.user.partner_id)
        env = request.env
        plan_page = self._qsr_plan_page(redirect)
        action_sudo = self._qsr_document("qsr.workshop.action", action_id)
        error = None
        if not action_sudo:
            error = env._("This action does not exist or is not one of yours.")
        else:
            try:
                # written as the contact, whom the tracking of the change names
                action_sudo.with_user(env.user).sudo()._portal_update(
                    env.user.partner_id, state or "", progress_note
                )
            except UserError as exc:
                error = exc.args[0]
        if plan_page:
            plan_id, access_token = plan_page
            if error:
                # the plan page again, with what is saved and why nothing was
                return self._qsr_plan_response(plan_id, access_token, errors=[error])
            params = {"updated": action_sudo.id}
            if access_token:
                params["access_token"] = access_token
            return request.redirect(
                f"/my/qsr/plans/{plan_id}?{urlencode(params)}#qsr_plan_actions"
            )
        if error:
            return self._qsr_render_actions(errors=[error])
        return request.redirect(f"/my/qsr/actions?updated={action_sudo.id}")

    # the account plan page

    def _qsr_plan_page(self, redirect):
        """(plan id, access token) of ``redirect`` when it is the path of a
        plan's portal page on this site, optionally with its token; None for
        anything else (another site, another page): an update never sends the
        contact elsewhere."""
        if not isinstance(redirect, str) or not redirect.isascii():
            return None
        parts = urlsplit(redirect)
        match = PLAN_PATH.fullmatch(parts.path)
        if parts.scheme or parts.netloc or not match:
            return None
        try:
            plan_id = self._qsr_id(match.group(1))
        except UserError:
            return None
        token = parse_qs(parts.query).get("access_token", [None])[0]
        return plan_id, token

    def _qsr_plan_extra_values(self, kw):
        values = super()._qsr_plan_extra_values(kw)
        with contextlib.suppress(UserError):
            if kw.get("updated"):
                values["updated_action_id"] = self._qsr_id(kw["updated"])
        return values
