from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..analysis import simalto_engine

# badge colour of each mark in the cells of the portal grid (each with a text
# contrast of at least 4.5:1, WCAG 2.1 AA)
MARK_CLASSES = {
    "current": "text-bg-primary",
    "acceptable": "text-bg-warning",
    "ideal": "bg-success-subtle text-success-emphasis",
    "competitor": "bg-info-subtle text-info-emphasis",
    "round": "text-bg-secondary",
}
COMMENT_MAX = 2000


class QsrResponse(models.Model):
    _name = "qsr.response"
    _inherit = ["portal.mixin", "mail.thread"]
    _description = "Simalto Grid Response"
    _order = "review_id, id"

    review_id = fields.Many2one(
        "qsr.review", required=True, ondelete="cascade", index=True
    )
    participant_id = fields.Many2one(
        "qsr.review.participant", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        related="participant_id.partner_id", string="Contact", store=True, index=True
    )
    account_id = fields.Many2one(
        related="review_id.partner_id", string="Account", store=True, index=True
    )
    wave_id = fields.Many2one(related="review_id.wave_id", store=True, index=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    grid_id = fields.Many2one("qsr.grid", required=True, ondelete="restrict")
    weight = fields.Integer(related="participant_id.weight", store=True)
    contact_level = fields.Selection(related="participant_id.contact_level", store=True)
    state = fields.Selection(
        [("new", "New"), ("progress", "In Progress"), ("submitted", "Submitted")],
        default="new",
        required=True,
        tracking=True,
        index=True,
    )
    step = fields.Char(
        default="current", help="The step the respondent is at in the grid."
    )
    interview = fields.Boolean(
        string="Interview-Entered",
        readonly=True,
        help="Filled in by the account team during a meeting with the contact.",
    )
    entered_by_id = fields.Many2one("res.users", readonly=True)
    date_started = fields.Datetime(string="Started", readonly=True)
    date_submitted = fields.Datetime(string="Submitted", readonly=True)
    date_reminded = fields.Datetime(string="Last Invited or Reminded", readonly=True)
    comment = fields.Text(string="Overall Comment")
    line_ids = fields.One2many("qsr.response.line", "response_id", string="Lines")
    performance = fields.Float(
        compute="_compute_figures",
        store=True,
        aggregator="avg",
        help="100 x the mean normalised level received today.",
    )
    distress_count = fields.Integer(
        string="Rows in Distress", compute="_compute_figures", store=True
    )
    points_spent = fields.Float(compute="_compute_figures", store=True)
    points_bought = fields.Float(
        compute="_compute_figures",
        store=True,
        help="Points spent on moving rows up, reductions not netted: the "
        "respondent's spending that the priority index shares out.",
    )

    _sql_constraints = [
        (
            "participant_uniq",
            "UNIQUE(participant_id)",
            "A participant answers the grid of a review once.",
        ),
    ]

    # compute

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for response in self:
            response.access_url = f"/my/qsr/grids/{response.id}"
        return result

    @api.depends("partner_id", "review_id")
    def _compute_display_name(self):
        for response in self:
            response.display_name = (
                f"{response.review_id.name} - {response.partner_id.display_name}"
            )

    @api.depends("line_ids.norm_current", "line_ids.distress", "line_ids.points_total")
    def _compute_figures(self):
        for response in self:
            lines = response.line_ids.filtered("current_level_id")
            response.performance = (
                100 * sum(lines.mapped("norm_current")) / len(lines) if lines else 0.0
            )
            response.distress_count = len(lines.filtered("distress"))
            response.points_spent = sum(lines.mapped("points_total"))
            response.points_bought = sum(
                max(0, p) for p in lines.mapped("points_total")
            )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        responses = super().create(vals_list)
        # everybody's level today on the price row is "as now": not a choice
        as_now = {grid: grid._price_level_as_now() for grid in responses.grid_id}
        self.env["qsr.response.line"].create(
            [
                {
                    "response_id": response.id,
                    "attribute_id": attribute.id,
                    "current_level_id": (
                        as_now[response.grid_id].id if attribute.is_price else False
                    ),
                }
                for response in responses
                for attribute in response.grid_id.attribute_ids
            ]
        )
        return responses

    # business

    def _steps(self):
        return self.grid_id._steps()

    def _round_of_step(self, step):
        """The budget round a step key names, or an empty recordset."""
        if not step.startswith("round_"):
            return self.env["qsr.grid.round"]
        rnd = self.grid_id._rounds_in_order().filtered(
            lambda r: f"round_{r.id}" == step
        )
        return rnd

    def _check_editable(self):
        self.ensure_one()
        if self.state == "submitted":
            raise UserError(
                self.env._("This grid was submitted; it can no longer change.")
            )
        if self.review_id.stage != "collect":
            raise UserError(self.env._("This review is no longer collecting answers."))

    def _validation_errors(self, complete=False):
        """What is wrong with the answers, worded for the respondent. Drafts
        are judged on the rows answered so far; ``complete`` also requires
        every mark the grid asks for."""
        self.ensure_one()
        lines = self.line_ids
        errors = []
        if complete:
            required = [
                step for step, _label in self._steps() if step in simalto_engine.MARKS
            ]
            wording = simalto_engine.PROBLEMS["missing"]
            for line in lines:
                missing = [mark for mark in required if not line[f"{mark}_level_id"]]
                if missing:
                    errors.append(
                        self.env._(
                            wording,
                            attribute=line.attribute_id.name,
                            mark=", ".join(missing),
                        )
                    )
        lines = lines.filtered(
            lambda line: line.current_level_id and line.acceptable_level_id
        )
        if lines:
            problems = self.grid_id._validate_lines(lines)
            errors += [
                simalto_engine.word_problem(problem.code, problem.params, self.env._)
                for problem in problems
            ]
        return errors

    def _check_answers(self, complete=False):
        for response in self:
            errors = response._validation_errors(complete=complete)
            if errors:
                raise ValidationError("\n".join(errors))

    def _save_answer(self, step, attribute, level, user=None):
        """Record one click of the respondent: ``level`` for ``attribute`` at
        ``step``. Raises UserError or ValidationError, and then changes
        nothing, when the answer is not acceptable."""
        self.ensure_one()
        self._check_editable()
        steps = [key for key, _label in self._steps()]
        if step not in steps or step == "review":
            raise UserError(self.env._("Unknown step of the grid."))
        line = self.line_ids.filtered(lambda line: line.attribute_id == attribute)
        if not line:
            raise UserError(self.env._("This row is not part of the grid."))
        if level.attribute_id != attribute:
            raise ValidationError(
                self.env._(
                    "%(attribute)s: %(level)s is not one of its levels.",
                    attribute=attribute.name,
                    level=level.name,
                )
            )
        if step == "current" and attribute.is_price:
            raise UserError(
                self.env._(
                    "%s: today's level is the price you pay now ('as now') for "
                    "everyone; it cannot be changed. Mark your acceptable and "
                    "ideal levels on this row, and trade on it in the rounds.",
                    attribute.name,
                )
            )
        try:
            with self.env.cr.savepoint():
                rnd = self._round_of_step(step)
                if rnd:
                    if not line.current_level_id or not line.acceptable_level_id:
                        raise UserError(
                            self.env._("Mark today's and the acceptable levels first.")
                        )
                    line._set_round_level(rnd, level)
                else:
                    line[f"{step}_level_id"] = level
                self.env.flush_all()
                self._check_answers()
        except (UserError, ValidationError):
            self.env.invalidate_all()
            raise
        self._mark_progress(step, user)
        return line

    def _mark_progress(self, step, user=None):
        vals = {"step": step}
        if self.state == "new":
            vals |= {"state": "progress", "date_started": fields.Datetime.now()}
        if user and not user.share:
            vals |= {"interview": True, "entered_by_id": user.id}
        self.write(vals)

    def _go_to_step(self, step):
        """Move the respondent to ``step``; the steps before it must be done."""
        self.ensure_one()
        self._check_editable()
        steps = [key for key, _label in self._steps()]
        if step not in steps:
            raise UserError(self.env._("Unknown step of the grid."))
        for previous in steps[: steps.index(step)]:
            if previous in simalto_engine.MARKS:
                missing = self.line_ids.filtered(f"{previous}_level_id")
                missing = self.line_ids - missing
                if missing:
                    raise UserError(
                        self.env._(
                            "Mark a level on every row first (missing: %s).",
                            missing[0].attribute_id.name,
                        )
                    )
        self.step = step

    def _budget_status(self, rnd):
        """(points available up to round ``rnd``, points spent after it)."""
        rounds = self.grid_id._rounds_in_order()
        available = sum(r.budget for r in rounds if r.sequence <= rnd.sequence)
        spent = 0.0
        for line in self.line_ids.filtered("current_level_id"):
            level = line._level_after(rnd)
            spent += level.cost - line.current_level_id.cost
        return available, spent

    def action_submit(self, user=None):
        """Check every answer and freeze the grid. Submitting twice is harmless."""
        for response in self:
            if response.state == "submitted":
                continue
            response._check_editable()
            response._check_answers(complete=True)
            vals = {
                "state": "submitted",
                "step": "review",
                "date_submitted": fields.Datetime.now(),
            }
            if user and not user.share:
                vals |= {"interview": True, "entered_by_id": user.id}
            response.write(vals)
            response.participant_id.state = "responded"
        return True

    def _send_invitations(
        self, template_xmlid="qsr_simalto.mail_template_grid_invitation"
    ):
        template = self.env.ref(template_xmlid)
        for response in self:
            response._portal_ensure_token()
        if self:
            template.send_mail_batch(
                self.ids, email_layout_xmlid="mail.mail_notification_light"
            )
        self.date_reminded = fields.Datetime.now()
        self.participant_id.filtered(lambda p: p.state == "to_invite").state = "invited"

    @api.model
    def _cron_send_reminders(self):
        """Remind the participants who have not submitted their grid."""
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("qsr_simalto.reminder_days", 7)
        )
        late = self.search(
            [
                ("state", "!=", "submitted"),
                ("review_id.stage", "=", "collect"),
                ("date_reminded", "<=", fields.Datetime.now() - timedelta(days=days)),
            ]
        )
        late._send_invitations("qsr_simalto.mail_template_grid_reminder")
        return late

    def action_open_grid(self):
        """Interview mode: the account manager fills the grid in the browser."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.get_portal_url(),
            "target": "new",
        }

    # portal

    def _get_portal_grid_values(self, step=None):
        """The values the portal grid page renders at ``step``: the
        respondent's own step by default, the first step when ``step`` is not
        one of the grid's."""
        self.ensure_one()
        steps = self._steps()
        keys = [key for key, _label in steps]
        step = step or self.step
        if step not in keys:
            step = keys[0]
        index = keys.index(step)
        submitted = self.state == "submitted"
        closed = self.review_id.stage != "collect"
        readonly = submitted or closed
        rnd = self._round_of_step(step) if not readonly else None
        reachable = self._portal_reachable_steps(keys)
        # grouped() keeps the lines' prefetching (filtered() would not)
        lines_by_area = self.line_ids.grouped("area_id")
        shared = self._portal_shared(steps)
        areas = []
        row_index = 0
        # the grid's areas that have rows, without searching the grid's areas
        grid_areas = self.line_ids.area_id.filtered(
            lambda area: area.grid_id == self.grid_id
        )
        for area in _in_order(grid_areas):
            rows = []
            for line in lines_by_area.get(area, ()):
                row = self._portal_row_values(
                    line, "review" if readonly else step, rnd, shared
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
        (self.account_id | self.partner_id).mapped("name")
        return {
            "title": self.grid_id.name,
            "response": self,
            "grid": self.grid_id,
            "review": self.review_id,
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
            "budget": self._portal_budget(rnd) if rnd else False,
            "may_reduce": any(self.line_ids.attribute_id.mapped("allow_reduction")),
            "areas": areas,
            "max_levels": max_levels,
            "readonly": readonly,
            "submitted": submitted,
            "closed": closed,
            "review_errors": (
                self._validation_errors(complete=True)
                if step == "review" and not readonly
                else []
            ),
            "comment_max": COMMENT_MAX,
        }

    def _get_portal_row_state(self, line, step):
        """What the portal page needs after a click on ``line`` at ``step``: the
        level now marked, the badges of the row and, in a budget round, the
        points."""
        self.ensure_one()
        level = self._portal_level_at(line, step)
        state = {
            "attribute_id": line.attribute_id.id,
            "step": step,
            "level_id": level.id or False,
            "marks": {
                str(level_id): marks
                for level_id, marks in self._portal_line_marks(line, step).items()
            },
            "state": self.state,
        }
        rnd = self._round_of_step(step)
        if rnd:
            state["budget"] = self._portal_budget(rnd)
        return state

    def _portal_clean_comment(self, comment):
        """(the comment as stored, whether it was cut to COMMENT_MAX characters)
        for ``comment`` as the portal sends it; UserError when it is not text
        PostgreSQL can store."""
        if comment is None:
            comment = ""
        if not isinstance(comment, str):
            raise UserError(self.env._("A comment is text."))
        if not _storable(comment):
            raise UserError(
                self.env._("This comment contains characters that cannot be saved.")
            )
        comment = comment.strip()
        return comment[:COMMENT_MAX], len(comment) > COMMENT_MAX

    def _save_comment(self, comment, attribute=None):
        """Store ``comment`` on the row of ``attribute``, or as the overall
        comment without one."""
        self.ensure_one()
        if not attribute:
            self.comment = comment or False
            return
        line = self.line_ids.filtered(lambda line: line.attribute_id == attribute)
        if not line:
            raise UserError(self.env._("This row is not part of the grid."))
        line.comment = comment or False

    def _portal_shared(self, steps=None):
        """What every row of the grid needs alike, worked out once per page:
        the labels of the steps, the rounds in order and their badges."""
        rounds = self.grid_id._rounds_in_order()
        return {
            "labels": dict(steps or self._steps()),
            "rounds": rounds,
            "levels": self.grid_id._levels_in_order(),
            "after_round": {rnd: self.env._("After %s", rnd.name) for rnd in rounds},
        }

    def _portal_rounds_before(self, rnd, shared):
        return shared["rounds"].filtered(
            lambda r: (
                r.sequence < rnd.sequence
                or (r.sequence == rnd.sequence and r.id < rnd.id)
            )
        )

    def _portal_level_at(self, line, step):
        """The level of ``line`` the respondent marks at ``step``."""
        rnd = self._round_of_step(step)
        if rnd:
            return line._level_after(rnd) if line.current_level_id else line.browse()
        if step in simalto_engine.MARKS:
            return line[f"{step}_level_id"]
        return line.current_level_id.browse()

    def _portal_base_level(self, line, rnd, shared):
        """The level of ``line`` before budget round ``rnd``."""
        previous = self._portal_rounds_before(rnd, shared)[-1:]
        return line._level_after(previous) if previous else line.current_level_id

    def _portal_line_marks(self, line, step=None, shared=None):
        """{level id: [{key, label, css}]}: the marks made on ``line``, except
        the mark of ``step`` itself (the checked input shows that one)."""
        shared = shared or self._portal_shared()
        labels = shared["labels"]
        marks = {}

        def add(level, key, label, css):
            if level:
                marks.setdefault(level.id, []).append(
                    {"key": key, "label": label, "css": css}
                )

        for mark in simalto_engine.MARKS:
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

    def _portal_budget(self, rnd):
        available, spent = self._budget_status(rnd)
        return {"available": available, "spent": spent, "left": available - spent}

    def _portal_reachable_steps(self, keys):
        """The steps ``_go_to_step`` would accept: those after complete marks."""
        reachable = []
        for key in keys:
            reachable.append(key)
            if key in simalto_engine.MARKS and not all(
                line[f"{key}_level_id"] for line in self.line_ids
            ):
                break
        return reachable

    def _portal_row_values(self, line, step, rnd, shared):
        """The cells of ``line`` on the page at ``step``, in budget round
        ``rnd`` if any: each level, whether it is checked, disabled, what it
        costs from the row's level before the round and the marks on it."""
        attribute = line.attribute_id
        chosen = self._portal_level_at(line, step)
        marks = self._portal_line_marks(line, step, shared)
        base = self._portal_base_level(line, rnd, shared) if rnd else None
        acceptable = line.acceptable_level_id
        # today's level on the price row is "as now", shown but not a choice
        fixed = step == "current" and attribute.is_price
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
            if fixed:
                cell["disabled"] = level != chosen
            elif rnd:
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
            "fixed": fixed,
        }


def _in_order(records):
    """Areas of a grid or levels of an attribute in their ``_order``, sorted in
    Python: ``sorted()`` without a key runs a query, once per row here."""
    return records.sorted(lambda record: (record.sequence, record.id))


def _storable(text):
    """PostgreSQL text holds neither NUL characters nor lone surrogates."""
    return "\x00" not in text and not any("\ud800" <= char <= "\udfff" for char in text)
