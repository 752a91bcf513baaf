from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.qsr_review.controllers.portal import QsrPortal


class QsrGridPortal(QsrPortal):
    """The Simalto grid a customer contact answers on the portal (also used by
    the account team in interview mode)."""

    # /my

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "qsr_grid_count" in counters:
            values["qsr_grid_count"] = self._qsr_count(
                "qsr.response", self._qsr_grids_domain()
            )
        return values

    def _qsr_grids_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    # read/write like the grid page: the list shows the state of the contact's
    # own answers (read your writes), and its links carry each grid's token,
    # which it makes for a grid that has none yet
    @http.route("/my/qsr/grids", type="http", auth="user", website=True)
    def portal_my_qsr_grids(self, **kw):
        self._qsr_use_lang(request.env.user.partner_id)
        responses = self._qsr_search(
            "qsr.response", self._qsr_grids_domain(), order="id desc"
        )
        # pending first, then submitted; read through sudo once access is checked
        responses_sudo = responses.sudo().sorted(
            key=lambda r: (r.state == "submitted", -r.id)
        )
        return self._qsr_render(
            "qsr_simalto.portal_my_qsr_grids",
            "qsr_grids",
            responses=responses_sudo,
            states=self._qsr_states("qsr.response"),
        )

    # the grid page: read/write, so that a contact always sees what they
    # have just saved or submitted (read from the primary, never a replica)

    @http.route(
        "/my/qsr/grids/<int:response_id>", type="http", auth="public", website=True
    )
    def portal_qsr_grid(self, response_id, access_token=None, **kw):
        response_sudo = self._qsr_document("qsr.response", response_id, access_token)
        if not response_sudo:
            return request.redirect("/my")
        return self._qsr_render_grid(response_sudo, access_token)

    @http.route(
        "/my/qsr/grids/<int:response_id>/step",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_qsr_grid_step(self, response_id, access_token=None, step=None, **kw):
        response_sudo = self._qsr_document("qsr.response", response_id, access_token)
        if not response_sudo:
            return request.redirect("/my")
        try:
            response_sudo._go_to_step(step or "")
        except UserError as error:
            return self._qsr_render_grid(
                response_sudo, access_token, errors=[error.args[0]]
            )
        return request.redirect(self._qsr_url(response_sudo, access_token))

    @http.route(
        "/my/qsr/grids/<int:response_id>/submit",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_qsr_grid_submit(self, response_id, access_token=None, **kw):
        response_sudo = self._qsr_document("qsr.response", response_id, access_token)
        if not response_sudo:
            return request.redirect("/my")
        try:
            response_sudo.action_submit(user=request.env.user)
        except (UserError, ValidationError) as error:
            return self._qsr_render_grid(
                response_sudo,
                access_token,
                errors=error.args[0].splitlines(),
                step="review",
            )
        return request.redirect(self._qsr_url(response_sudo, access_token))

    # JSON: one click saves a draft at once

    @http.route("/my/qsr/grids/<int:response_id>/save", type="json", auth="public")
    def portal_qsr_grid_save(
        self,
        response_id,
        access_token=None,
        step=None,
        attribute_id=None,
        level_id=None,
        **kw,
    ):
        env = request.env
        try:
            response_sudo = self._qsr_grid_to_edit(response_id, access_token)
            if not isinstance(step, str):
                raise UserError(env._("Unknown step of the grid."))
            attribute = self._qsr_attribute(attribute_id)
            level = self._qsr_record(
                "qsr.grid.level", level_id, env._("This level does not exist.")
            )
            line = response_sudo._save_answer(step, attribute, level, user=env.user)
        except (UserError, ValidationError) as error:
            return {"error": error.args[0]}
        return response_sudo._get_portal_row_state(line, step)

    @http.route("/my/qsr/grids/<int:response_id>/comment", type="json", auth="public")
    def portal_qsr_grid_comment(
        self, response_id, access_token=None, attribute_id=None, comment=None, **kw
    ):
        try:
            response_sudo = self._qsr_grid_to_edit(response_id, access_token)
            comment, truncated = response_sudo._portal_clean_comment(comment)
            # no row is the overall comment (0 is a wrong row, though 0 == False)
            overall = attribute_id is False or attribute_id in (None, "")
            attribute = None if overall else self._qsr_attribute(attribute_id)
            response_sudo._save_comment(comment, attribute)
        except (UserError, ValidationError) as error:
            return {"error": error.args[0]}
        return {"comment": comment, "truncated": truncated}

    # helpers

    def _qsr_grid_to_edit(self, response_id, access_token):
        """The response the user may answer, as superuser; UserError when it
        is not theirs or no longer changes."""
        response_sudo = self._qsr_document("qsr.response", response_id, access_token)
        if not response_sudo:
            raise UserError(
                request.env._("This grid does not exist or is not yours to answer.")
            )
        response_sudo._check_editable()
        return response_sudo

    def _qsr_attribute(self, attribute_id):
        return self._qsr_record(
            "qsr.grid.attribute",
            attribute_id,
            request.env._("This row is not part of the grid."),
        )

    def _qsr_render_grid(
        self, response_sudo, access_token=None, errors=None, step=None
    ):
        user = request.env.user
        return self._qsr_render(
            "qsr_simalto.portal_qsr_grid",
            "qsr_grid",
            lang_document=response_sudo,
            **response_sudo._get_portal_grid_values(step),
            access_token=access_token,
            no_breadcrumbs=bool(access_token) and user._is_public(),
            interview=not user.share,
            errors=errors or [],
        )
