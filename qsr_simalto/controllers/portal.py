from urllib.parse import urlencode

from odoo import SUPERUSER_ID, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal

COMMENT_MAX = 2000
MARK_STEPS = ("current", "acceptable", "ideal", "competitor")
# badge colour of each mark in the cells of the grid
MARK_CLASSES = {
    "current": "text-bg-primary",
    "acceptable": "text-bg-warning",
    "ideal": "text-bg-success",
    "competitor": "text-bg-info",
    "round": "text-bg-secondary",
}


def _in_order(records):
    """Areas or rounds of a grid, or levels of an attribute, in their ``_order``,
    sorted in Python: ``sorted()`` without a key runs a query, once per row here."""
    return records.sorted(lambda record: (record.sequence, record.id))


class QsrGridPortal(CustomerPortal):
    """The Simalto grid a customer contact answers on the portal (also used by
    the account team in interview mode)."""

    # /my

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "qsr_grid_count" in counters:
            Response = request.env["qsr.response"]
            values["qsr_grid_count"] = (
                Response.search_count(self._qsr_grids_domain())
                if Response.has_access("read")
                else 0
            )
        return values

    def _qsr_grids_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    @http.route("/my/qsr/grids", type="http", auth="user", website=True)
    def portal_my_qsr_grids(self, **kw):
        Response = request.env["qsr.response"]
        responses = (
            Response.search(self._qsr_grids_domain(), order="id desc")
            if Response.has_access("read")
            else Response
        )
        # pending first, then submitted; read through sudo once access is checked
        responses_sudo = responses.sudo().sorted(
            key=lambda r: (r.state == "submitted", -r.id)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "qsr_grids",
                "responses": responses_sudo,
                "states": dict(
                    Response._fields["state"]._description_selection(request.env)
                ),
            }
        )
        return request.render("qsr_simalto.portal_my_qsr_grids", values)

    # the grid page

    @http.route(
        "/my/qsr/grids/<int:response_id>", type="http", auth="public", website=True
    )
    def portal_qsr_grid(self, response_id, access_token=None, **kw):
        try:
            response_sudo = self._qsr_check_access(response_id, access_token)
        except (AccessError, MissingError):
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
        try:
            response_sudo = self._qsr_check_access(response_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            response_sudo._go_to_step(step or "")
        except UserError as error:
            return self._qsr_render_grid(
                response_sudo, access_token, errors=[error.args[0]]
            )
        return request.redirect(self._qsr_grid_url(response_sudo, access_token))

    @http.route(
        "/my/qsr/grids/<int:response_id>/submit",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_qsr_grid_submit(self, response_id, access_token=None, **kw):
        try:
            response_sudo = self._qsr_check_access(response_id, access_token)
        except (AccessError, MissingError):
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
        return request.redirect(self._qsr_grid_url(response_sudo, access_token))

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
            response_sudo = self._qsr_json_access(response_id, access_token)
            response_sudo._check_editable()
            if not isinstance(step, str):
                raise UserError(env._("Unknown step of the grid."))
            attribute = self._qsr_record(
                "qsr.grid.attribute",
                attribute_id,
                env._("This row is not part of the grid."),
            )
            level = self._qsr_record(
                "qsr.grid.level", level_id, env._("This level does not exist.")
            )
            line = response_sudo._save_answer(step, attribute, level, user=env.user)
        except (UserError, ValidationError) as error:
            return {"error": error.args[0]}
        return self._qsr_row_state(response_sudo, line, step)

    @http.route("/my/qsr/grids/<int:response_id>/comment", type="json", auth="public")
    def portal_qsr_grid_comment(
        self, response_id, access_token=None, attribute_id=None, comment=None, **kw
    ):
        env = request.env
        try:
            response_sudo = self._qsr_json_access(response_id, access_token)
            response_sudo._check_editable()
            if comment is None:
                comment = ""
            if not isinstance(comment, str):
                raise UserError(env._("A comment is text."))
            if not _storable(comment):
                raise UserError(
                    env._("This comment contains characters that cannot be saved.")
                )
            comment = comment.strip()
            truncated = len(comment) > COMMENT_MAX
            comment = comment[:COMMENT_MAX]
            # the overall comment (0 is no row, though 0 == False in Python)
            if attribute_id is None or attribute_id is False or attribute_id == "":
                response_sudo.comment = comment or False
            else:
                attribute = self._qsr_record(
                    "qsr.grid.attribute",
                    attribute_id,
                    env._("This row is not part of the grid."),
                )
                line = response_sudo.line_ids.filtered(
                    lambda line: line.attribute_id == attribute
                )
                if not line:
                    raise UserError(env._("This row is not part of the grid."))
                line.comment = comment or False
        except (UserError, ValidationError) as error:
            return {"error": error.args[0]}
        return {"comment": comment, "truncated": truncated}

    # helpers

    def _qsr_check_access(self, response_id, access_token):
        """The response, as superuser, if the user or ``access_token`` may open
        it. A token that is not ASCII text is no token (the portal's comparison
        of tokens raises a TypeError on it)."""
        if not isinstance(access_token, str) or not access_token.isascii():
            access_token = None
        if access_token:
            # the invitation link's case: its token grants access as
            # _document_check_access would, without first failing the read
            # check (two queries and an access error built for nothing)
            response_sudo = (
                request.env["qsr.response"]
                .browse(response_id)
                .with_user(SUPERUSER_ID)
                .exists()
            )
            if response_sudo.access_token and consteq(
                response_sudo.access_token, access_token
            ):
                return response_sudo
        return self._document_check_access("qsr.response", response_id, access_token)

    def _qsr_json_access(self, response_id, access_token):
        try:
            return self._qsr_check_access(response_id, access_token)
        except (AccessError, MissingError) as error:
            raise UserError(
                request.env._("This grid does not exist or is not yours to answer.")
            ) from error

    def _qsr_record(self, model, record_id, message):
        """The record of ``model`` with id ``record_id`` (an integer, or a string
        of ASCII digits), as superuser; UserError with ``message`` when there is
        none."""
        digits = record_id.strip() if isinstance(record_id, str) else ""
        if digits.isascii() and digits.isdigit():  # "²".isdigit() is true
            record_id = int(digits)
        if (
            not isinstance(record_id, int)
            or isinstance(record_id, bool)
            or not 0 < record_id < 2**31
        ):
            raise UserError(request.env._("Invalid identifier: %s", repr(record_id)))
        record = request.env[model].sudo().browse(record_id).exists()
        if not record:
            raise UserError(message)
        return record

    def _qsr_grid_url(self, response_sudo, access_token=None, **params):
        if access_token:
            params["access_token"] = access_token
        query = f"?{urlencode(params)}" if params else ""
        return f"{response_sudo.access_url}{query}"

    def _qsr_shared(self, response_sudo, steps=None):
        """What every row of the grid needs alike, worked out once per page:
        the labels of the steps, the rounds in order and their badges."""
        rounds = response_sudo.grid_id._rounds_in_order()
        return {
            "labels": dict(steps or response_sudo._steps()),
            "rounds": rounds,
            "levels": response_sudo.grid_id._levels_in_order(),
            "after_round": {rnd: request.env._("After %s", rnd.name) for rnd in rounds},
        }

    def _qsr_rounds_before(self, response_sudo, rnd, shared=None):
        shared = shared or self._qsr_shared(response_sudo)
        return shared["rounds"].filtered(
            lambda r: (
                r.sequence < rnd.sequence
                or (r.sequence == rnd.sequence and r.id < rnd.id)
            )
        )

    def _qsr_level_at(self, response_sudo, line, step):
        """The level of ``line`` the respondent marks at ``step``."""
        rnd = response_sudo._round_of_step(step)
        if rnd:
            return line._level_after(rnd) if line.current_level_id else line.browse()
        if step in MARK_STEPS:
            return line[f"{step}_level_id"]
        return line.current_level_id.browse()

    def _qsr_base_level(self, response_sudo, line, rnd, shared=None):
        """The level of ``line`` before budget round ``rnd``."""
        previous = self._qsr_rounds_before(response_sudo, rnd, shared)[-1:]
        return line._level_after(previous) if previous else line.current_level_id

    def _qsr_line_marks(self, response_sudo, line, step=None, shared=None):
        """{level id: [{key, label, css}]}: the marks made on ``line``, except
        the mark of ``step`` itself (the checked input shows that one)."""
        shared = shared or self._qsr_shared(response_sudo)
        labels = shared["labels"]
        marks = {}

        def add(level, key, label, css):
            if level:
                marks.setdefault(level.id, []).append(
                    {"key": key, "label": label, "css": css}
                )

        for mark in MARK_STEPS:
            if mark != step and mark in labels:
                add(line[f"{mark}_level_id"], mark, labels[mark], MARK_CLASSES[mark])
        if line.current_level_id:
            before = line.current_level_id
            for rnd in shared["rounds"]:
                after = line._level_after(rnd)
                if after != before and f"round_{rnd.id}" != step:
                    add(
                        after,
                        f"round_{rnd.id}",
                        shared["after_round"][rnd],
                        MARK_CLASSES["round"],
                    )
                before = after
        return marks

    def _qsr_budget(self, response_sudo, rnd):
        available, spent = response_sudo._budget_status(rnd)
        return {"available": available, "spent": spent, "left": available - spent}

    def _qsr_row_state(self, response_sudo, line, step):
        """What the page needs after a click on ``line``: the level now marked,
        the badges of the row and, in a budget round, the points."""
        level = self._qsr_level_at(response_sudo, line, step)
        state = {
            "attribute_id": line.attribute_id.id,
            "step": step,
            "level_id": level.id or False,
            "marks": {
                str(level_id): marks
                for level_id, marks in self._qsr_line_marks(
                    response_sudo, line, step
                ).items()
            },
            "state": response_sudo.state,
        }
        rnd = response_sudo._round_of_step(step)
        if rnd:
            state["budget"] = self._qsr_budget(response_sudo, rnd)
        return state

    def _qsr_reachable_steps(self, response_sudo, keys):
        """The steps ``_go_to_step`` would accept: those after complete marks."""
        reachable = []
        for key in keys:
            reachable.append(key)
            if key in MARK_STEPS and not all(
                line[f"{key}_level_id"] for line in response_sudo.line_ids
            ):
                break
        return reachable

    def _qsr_row_values(self, response_sudo, line, step, rnd, shared=None):
        shared = shared or self._qsr_shared(response_sudo)
        attribute = line.attribute_id
        chosen = self._qsr_level_at(response_sudo, line, step)
        marks = self._qsr_line_marks(response_sudo, line, step, shared)
        base = self._qsr_base_level(response_sudo, line, rnd, shared) if rnd else None
        acceptable = line.acceptable_level_id
        cells = []
        levels = shared["levels"].get(attribute.id) or _in_order(attribute.level_ids)
        for level in levels:
            cell = {
                "level": level,
                "checked": level == chosen,
                "disabled": False,
                "delta": None,
                "marks": marks.get(level.id, []),
            }
            if rnd:
                if not base or not acceptable:
                    cell["disabled"] = True
                else:
                    cell["disabled"] = not (
                        level.position >= base.position
                        or (
                            attribute.allow_reduction
                            and level.position >= acceptable.position
                        )
                    )
                    delta = level.cost - base.cost
                    if not cell["disabled"]:
                        cell["delta"] = f"{delta:+g}" if delta else "0"
            cells.append(cell)
        return {
            "line": line,
            "attribute": attribute,
            "cells": cells,
            "chosen": chosen,
            "base": base,
            "current_cost": line.current_level_id.cost,
        }

    def _qsr_grid_values(
        self, response_sudo, access_token=None, errors=None, step=None
    ):
        env = request.env
        steps = response_sudo._steps()
        keys = [key for key, _label in steps]
        step = step or response_sudo.step
        if step not in keys:
            step = keys[0]
        index = keys.index(step)
        submitted = response_sudo.state == "submitted"
        closed = response_sudo.review_id.stage != "collect"
        readonly = submitted or closed
        rnd = response_sudo._round_of_step(step) if not readonly else None
        reachable = self._qsr_reachable_steps(response_sudo, keys)
        # grouped() keeps the lines' prefetching (filtered() would not)
        lines_by_area = response_sudo.line_ids.grouped("area_id")
        shared = self._qsr_shared(response_sudo, steps)
        areas = []
        row_index = 0
        # the grid's areas that have rows, without searching the grid's areas
        grid_areas = response_sudo.line_ids.area_id.filtered(
            lambda area: area.grid_id == response_sudo.grid_id
        )
        for area in _in_order(grid_areas):
            rows = []
            for line in lines_by_area.get(area, ()):
                row = self._qsr_row_values(
                    response_sudo, line, "review" if readonly else step, rnd, shared
                )
                row["index"] = row_index
                row_index += 1
                rows.append(row)
            if rows:
                areas.append({"area": area, "rows": rows})
        max_levels = max(
            (len(row["cells"]) for area in areas for row in area["rows"]), default=0
        )
        # the account and the contact the heading names: one query for both
        (response_sudo.account_id | response_sudo.partner_id).mapped("name")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "qsr_grid",
                "title": response_sudo.grid_id.name,
                "response": response_sudo,
                "grid": response_sudo.grid_id,
                "review": response_sudo.review_id,
                "access_token": access_token,
                "no_breadcrumbs": bool(access_token) and env.user._is_public(),
                "steps": [
                    {
                        "key": key,
                        "label": label,
                        "number": number,
                        "done": number - 1 < index,
                        "current": key == step,
                        "reachable": key in reachable,
                    }
                    for number, (key, label) in enumerate(steps, start=1)
                ],
                "step": step,
                "step_label": steps[index][1],
                "prev_step": keys[index - 1] if index else False,
                "next_step": keys[index + 1] if index + 1 < len(keys) else False,
                "grid_round": rnd,
                "budget": self._qsr_budget(response_sudo, rnd) if rnd else False,
                "may_reduce": any(
                    response_sudo.line_ids.attribute_id.mapped("allow_reduction")
                ),
                "areas": areas,
                "max_levels": max_levels,
                "mark_classes": MARK_CLASSES,
                "readonly": readonly,
                "submitted": submitted,
                "closed": closed,
                "interview": not env.user.share,
                "errors": errors or [],
                "review_errors": (
                    response_sudo._validation_errors(complete=True)
                    if step == "review" and not readonly
                    else []
                ),
                "comment_max": COMMENT_MAX,
                "grid_url": self._qsr_grid_url(response_sudo, access_token),
            }
        )
        return values

    def _qsr_render_grid(
        self, response_sudo, access_token=None, errors=None, step=None
    ):
        values = self._qsr_grid_values(
            response_sudo, access_token, errors=errors, step=step
        )
        return request.render("qsr_simalto.portal_qsr_grid", values)


def _storable(text):
    """PostgreSQL text holds neither NUL characters nor lone surrogates."""
    return "\x00" not in text and not any("\ud800" <= char <= "\udfff" for char in text)
