from odoo import api, fields, models


class QsrAccountPlan(models.Model):
    _inherit = "qsr.account.plan"

    action_ids = fields.Many2many(
        "qsr.workshop.action",
        string="Workshop Actions",
        compute="_compute_action_ids",
        help="The account's workshop actions agreed in the plan's reviews or due "
        "within its period.",
    )
    action_count = fields.Integer(compute="_compute_action_ids")

    # compute

    @api.depends("partner_id", "date_start", "date_end")
    def _compute_action_ids(self):
        Action = self.env["qsr.workshop.action"]
        for plan in self:
            if not (plan.partner_id and plan.date_start and plan.date_end):
                plan.action_ids = False
                plan.action_count = 0
                continue
            plan.action_ids = Action.search(
                [
                    ("review_id", "any", plan._review_domain()),
                    "|",
                    "&",
                    ("review_id.date_planned", ">=", plan.date_start),
                    ("review_id.date_planned", "<=", plan.date_end),
                    "&",
                    ("date_deadline", ">=", plan.date_start),
                    ("date_deadline", "<=", plan.date_end),
                ]
            )
            plan.action_count = len(plan.action_ids)

    # portal

    def _get_portal_values(self):
        """The plan's page and PDF with the actions the customer owns (their
        side of the workshops' action plans): open ones first, by deadline."""
        values = super()._get_portal_values()
        actions = self.action_ids.filtered(lambda a: a.side == "theirs").sorted(
            lambda a: (
                a.state in ("done", "cancelled"),
                a.date_deadline.toordinal() if a.date_deadline else 10**9,
                a.id,
            )
        )
        states = dict(
            self.env["qsr.workshop.action"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        values.update(
            action_states=states,
            actions=[
                {
                    "id": action.id,
                    "name": action.name,
                    "owner": action.owner_partner_id.name or "",
                    "owner_partner_id": action.owner_partner_id.id,
                    "date_deadline": action.date_deadline,
                    "overdue": action.is_overdue,
                    "state": action.state,
                    "state_label": states[action.state],
                    "progress_note": action.progress_note or "",
                }
                for action in actions
            ],
        )
        return values


class QsrAccountPlanObjective(models.Model):
    _inherit = "qsr.account.plan.objective"

    measure = fields.Selection(
        selection_add=[("actions_done", "Workshop actions done")],
        ondelete={"actions_done": "set default"},
    )

    def _measure_actions_done(self, account, date_from, date_to):
        """The account's workshop actions due in the period and done (left
        aside: those of confidential or cancelled reviews)."""
        return float(
            self.env["qsr.workshop.action"]
            .sudo()
            .search_count(
                [
                    ("account_id", "=", account.id),
                    ("review_id.confidential", "=", False),
                    ("review_id.stage", "!=", "cancel"),
                    ("state", "=", "done"),
                    ("date_deadline", ">=", date_from),
                    ("date_deadline", "<=", date_to),
                ]
            )
        )
