from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# What an objective measures. Another addon adds one with ``selection_add`` on
# ``measure`` and a method ``_measure_<key>(partner, date_from, date_to)``.
MEASURES = [
    ("manual", "Typed by hand"),
    ("won_count", "Opportunities won"),
    ("won_revenue", "Revenue won"),
    ("pipeline", "Open pipeline"),
    ("gaps_on_time", "Gaps closed on time (%)"),
]
# measures of a moment, not of a period: they have no earlier value
MEASURES_WITHOUT_HISTORY = ("manual", "pipeline")
OBJECTIVE_STATES = [
    ("todo", "To Do"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class QsrAccountPlanObjective(models.Model):
    _name = "qsr.account.plan.objective"
    _description = "Account Plan Objective"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "qsr.account.plan",
        string="Account Plan",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Objective", required=True)
    description = fields.Text()
    partner_id = fields.Many2one(
        related="plan_id.partner_id", string="Account", store=True, index=True
    )
    side = fields.Selection(
        [("ours", "Ours"), ("theirs", "Theirs")], required=True, default="ours"
    )
    owner_user_id = fields.Many2one(
        "res.users", string="Our Owner", domain=[("share", "=", False)]
    )
    owner_partner_id = fields.Many2one(
        "res.partner",
        string="Their Owner",
        index="btree_not_null",
        domain="[('commercial_partner_id', '=', partner_id), "
        "('is_company', '=', False)]",
    )
    # a copied plan (the next period's) starts its objectives afresh
    date_deadline = fields.Date(string="Due Date", copy=False)
    state = fields.Selection(
        OBJECTIVE_STATES, required=True, default="todo", string="Status", copy=False
    )
    measure = fields.Selection(MEASURES, required=True, default="manual")
    target = fields.Float()
    actual_manual = fields.Float(string="Actual (typed)", copy=False)
    actual = fields.Float(
        compute="_compute_measure",
        help="The measure over the plan's period.",
    )
    previous = fields.Float(
        compute="_compute_measure",
        help="The measure over the period of the same length just before the "
        "plan's; 0 for measures without history (typed, open pipeline).",
    )
    has_history = fields.Boolean(compute="_compute_measure")
    trend = fields.Selection(
        [("up", "Up"), ("flat", "Flat"), ("down", "Down")], compute="_compute_measure"
    )
    progress = fields.Float(
        compute="_compute_measure",
        help="The actual value as a percentage of the target (0 without target).",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    # compute

    @api.depends(
        "measure",
        "target",
        "actual_manual",
        "plan_id.partner_id",
        "plan_id.date_start",
        "plan_id.date_end",
    )
    def _compute_measure(self):
        for objective in self:
            plan = objective.plan_id
            actual = previous = 0.0
            has_history = objective.measure not in MEASURES_WITHOUT_HISTORY
            if (
                objective.measure
                and plan.partner_id
                and plan.date_start
                and plan.date_end
            ):
                measure = getattr(objective, f"_measure_{objective.measure}")
                account = plan.partner_id.commercial_partner_id
                actual = measure(account, plan.date_start, plan.date_end)
                if has_history:
                    previous = measure(*objective._previous_period(account))
            objective.actual = actual
            objective.previous = previous
            objective.has_history = has_history
            if not has_history:
                objective.trend = False
            elif actual > previous:
                objective.trend = "up"
            elif actual < previous:
                objective.trend = "down"
            else:
                objective.trend = "flat"
            objective.progress = (
                actual / objective.target * 100 if objective.target else 0.0
            )

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for objective in self:
            objective.is_overdue = objective._is_overdue_on(today)

    # constraints

    @api.constrains("side", "owner_user_id", "owner_partner_id", "partner_id")
    def _check_owner(self):
        for objective in self:
            if objective.side == "ours" and objective.owner_user_id.share:
                raise ValidationError(
                    self.env._(
                        "The owner of our objective “%s” must be an internal user.",
                        objective.name,
                    )
                )
            contact = objective.owner_partner_id
            if (
                objective.side == "theirs"
                and contact
                and (
                    contact.commercial_partner_id != objective.partner_id
                    or contact == objective.partner_id
                )
            ):
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of %(account)s.",
                        contact=contact.display_name,
                        account=objective.partner_id.display_name,
                    )
                )

    # business

    def _is_overdue_on(self, day):
        self.ensure_one()
        return bool(
            self.date_deadline
            and self.date_deadline < day
            and self.state in ("todo", "in_progress")
        )

    def _previous_period(self, account):
        """``(account, date_from, date_to)`` of the period of the same length
        just before the plan's: as many whole months when the plan runs over
        whole months (the year before a calendar year), else as many days."""
        self.ensure_one()
        start, end = self.plan_id.date_start, self.plan_id.date_end
        date_to = start - timedelta(days=1)
        if start.day == 1 and (end + timedelta(days=1)).day == 1:
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            return account, start - relativedelta(months=months), date_to
        return account, date_to - (end - start), date_to

    # measures: ``_measure_<key>(account, date_from, date_to) -> float``.
    # The figures are the plan's, the same for whoever reads it (the customer
    # too): its sources are read as superuser, limited to the plan's account.

    def _measure_manual(self, account, date_from, date_to):
        return self.actual_manual

    def _won_leads_sudo(self, account, date_from, date_to):
        return (
            self.env["crm.lead"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", account.id),
                    "|",
                    ("probability", "=", 100),
                    ("stage_id.is_won", "=", True),
                    ("date_closed", ">=", datetime.combine(date_from, time.min)),
                    ("date_closed", "<=", datetime.combine(date_to, time.max)),
                ]
            )
        )

    def _measure_won_count(self, account, date_from, date_to):
        return float(len(self._won_leads_sudo(account, date_from, date_to)))

    def _measure_won_revenue(self, account, date_from, date_to):
        leads_sudo = self._won_leads_sudo(account, date_from, date_to)
        return sum(leads_sudo.mapped("expected_revenue"))

    def _measure_pipeline(self, account, date_from, date_to):
        leads_sudo = (
            self.env["crm.lead"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", account.id),
                    ("type", "=", "opportunity"),
                    ("probability", "<", 100),
                    ("stage_id.is_won", "=", False),
                ]
            )
        )
        return sum(leads_sudo.mapped("expected_revenue"))

    def _measure_gaps_on_time(self, account, date_from, date_to):
        """Of the account's gaps due in the period that are done or past their
        due date (a gap not yet due and still open is neither on time nor
        late), the share done by their due date, in percent. Left aside:
        won't fix, and the gaps of confidential or cancelled reviews."""
        today = fields.Date.context_today(self)
        gaps_sudo = (
            self.env["qsr.gap"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", account.id),
                    ("review_id.confidential", "=", False),
                    ("review_id.stage", "!=", "cancel"),
                    ("state", "!=", "wont_fix"),
                    ("date_deadline", ">=", date_from),
                    ("date_deadline", "<=", date_to),
                    "|",
                    ("state", "=", "done"),
                    ("date_deadline", "<", today),
                ]
            )
        )
        if not gaps_sudo:
            return 0.0
        on_time = gaps_sudo.filtered(
            lambda g: (
                g.state == "done" and g.date_done and g.date_done <= g.date_deadline
            )
        )
        return len(on_time) / len(gaps_sudo) * 100
