from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

OPEN_GAP_STATES = ("open", "progress")


class QsrImprovementWizard(models.TransientModel):
    """Fix for all of them: one company-wide improvement for a row that is a
    tolerated failing in many accounts of a tier, with one gap per affected
    account on its review of the wave, all with the improvement's owner and
    due date. Run again, it adds the accounts that have become affected to
    the same improvement (while it is not done) and never duplicates a gap:
    an account's gap already on the row in that review is linked instead."""

    _name = "qsr.improvement.wizard"
    _description = "Create a Company-Wide Improvement"

    wave_id = fields.Many2one("qsr.wave", required=True, readonly=True)
    tier_id = fields.Many2one("qsr.tier", readonly=True)
    grid_id = fields.Many2one("qsr.grid", required=True, readonly=True)
    aspect_id = fields.Many2one(
        "qsr.service.aspect", string="Row", required=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    name = fields.Char(
        string="Improvement",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Owner", required=True, default=lambda self: self.env.user
    )
    date_deadline = fields.Date(
        string="Due Date",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(months=3),
    )
    account_ids = fields.Many2many(
        "res.partner",
        string="Affected Accounts",
        compute="_compute_account_ids",
        help="The accounts of the tier holding the row as a tolerated failing.",
    )

    @api.depends("aspect_id")
    def _compute_name(self):
        for wizard in self:
            wizard.name = wizard.name or wizard.aspect_id.name

    @api.depends("wave_id", "tier_id", "grid_id", "aspect_id", "company_id")
    def _compute_account_ids(self):
        for wizard in self:
            wizard.account_ids = [row[0] for row in wizard._failing_accounts()]

    def _failing_accounts(self):
        self.ensure_one()
        if not (self.wave_id and self.grid_id and self.aspect_id):
            return []
        return self.env["qsr.report.tolerated.failing"]._failing_accounts(
            self.wave_id, self.tier_id, self.grid_id, self.aspect_id, self.company_id
        )

    def action_create(self):
        """Create (or complete) the improvement and its gaps, and open it."""
        self.ensure_one()
        failing = self._failing_accounts()
        if not failing:
            raise UserError(
                self.env._(
                    "No account of the tier holds this row as a tolerated failing."
                )
            )
        Improvement = self.env["qsr.improvement"]
        values = {
            "name": self.name,
            "user_id": self.user_id.id,
            "date_deadline": self.date_deadline,
        }
        improvement = Improvement.search(
            [
                ("wave_id", "=", self.wave_id.id),
                ("tier_id", "=", self.tier_id.id),
                ("grid_id", "=", self.grid_id.id),
                ("aspect_id", "=", self.aspect_id.id),
                ("company_id", "=", self.company_id.id),
                ("state", "!=", "done"),
            ],
            limit=1,
        )
        if improvement:
            improvement.write(values)
        else:
            improvement = Improvement.create(
                {
                    **values,
                    "wave_id": self.wave_id.id,
                    "tier_id": self.tier_id.id,
                    "grid_id": self.grid_id.id,
                    "aspect_id": self.aspect_id.id,
                    "company_id": self.company_id.id,
                }
            )
        reviews = self.env["qsr.review"].browse(row[1] for row in failing)
        existing = self.env["qsr.gap"].search(
            [
                ("review_id", "in", reviews.ids),
                ("attribute_id.aspect_id", "=", self.aspect_id.id),
            ]
        )
        by_review = {gap.review_id: gap for gap in existing.sorted("id", reverse=True)}
        to_link = self.env["qsr.gap"]
        to_create = []
        note = Markup("<p>%s</p>") % self.env._(
            "Part of the company-wide improvement %(name)s: a tolerated failing "
            "in %(count)s accounts of the tier.",
            name=improvement.name,
            count=len(failing),
        )
        for _account_id, review_id, attribute_id in failing:
            gap = by_review.get(reviews.browse(review_id))
            if gap:
                to_link |= gap
                continue
            to_create.append(
                {
                    "name": improvement.name,
                    "review_id": review_id,
                    "attribute_id": attribute_id,
                    "improvement_id": improvement.id,
                    "description": note,
                    **values,
                }
            )
        to_link.filtered(lambda g: g.improvement_id != improvement).write(
            {"improvement_id": improvement.id}
        )
        to_link.filtered(lambda g: g.state in OPEN_GAP_STATES).write(
            {"user_id": self.user_id.id, "date_deadline": self.date_deadline}
        )
        self.env["qsr.gap"].create(to_create)
        return {
            "type": "ir.actions.act_window",
            "res_model": "qsr.improvement",
            "res_id": improvement.id,
            "views": [(False, "form")],
            "target": "current",
        }
