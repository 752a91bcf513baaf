from odoo import api, fields, models

OPEN_GAP_STATES = ("open", "progress")
# what the improvement's owner and due date pass on to its gaps still open
PROPAGATED_FIELDS = ("user_id", "date_deadline")


class QsrImprovement(models.Model):
    """A company-wide improvement: one change made for many accounts at once,
    followed through the gaps it closes in each account's review (one gap per
    account, linked here), with one owner and one due date."""

    _name = "qsr.improvement"
    _inherit = ["mail.thread", "mail.activity.mixin", "qsr.deadline.mixin"]
    _description = "Company-Wide Improvement"
    _order = "date_deadline, id desc"
    _check_company_auto = True
    _deadline_states = ("open", "progress")

    name = fields.Char(string="Improvement", required=True, tracking=True)
    description = fields.Html()
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        default=lambda self: self.env.user,
        index=True,
    )
    date_deadline = fields.Date(string="Due Date", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    tier_id = fields.Many2one("qsr.tier", tracking=True)
    wave_id = fields.Many2one("qsr.wave", tracking=True, check_company=True)
    gap_ids = fields.One2many("qsr.gap", "improvement_id", string="Gaps")
    gap_count = fields.Integer(compute="_compute_progress", store=True)
    gap_closed_count = fields.Integer(
        string="Closed Gaps",
        compute="_compute_progress",
        store=True,
        help="Gaps done or not to be fixed.",
    )
    account_count = fields.Integer(
        string="Accounts", compute="_compute_progress", store=True
    )
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        help="Share of its gaps closed, in percent.",
    )
    state = fields.Selection(
        [("open", "Open"), ("progress", "In Progress"), ("done", "Done")],
        compute="_compute_progress",
        store=True,
        index=True,
        tracking=True,
        help="Open until one of its gaps is started or closed, done when all "
        "are closed.",
    )

    # compute

    @api.depends("gap_ids.state", "gap_ids.partner_id")
    def _compute_progress(self):
        for improvement in self:
            gaps = improvement.gap_ids
            closed = gaps.filtered(lambda g: g.state not in OPEN_GAP_STATES)
            improvement.gap_count = len(gaps)
            improvement.gap_closed_count = len(closed)
            improvement.account_count = len(gaps.partner_id)
            improvement.progress = 100 * len(closed) / len(gaps) if gaps else 0.0
            if gaps and len(closed) == len(gaps):
                improvement.state = "done"
            elif closed or "progress" in gaps.mapped("state"):
                improvement.state = "progress"
            else:
                improvement.state = "open"

    # CRUD

    def write(self, vals):
        result = super().write(vals)
        propagated = {f: vals[f] for f in PROPAGATED_FIELDS if f in vals}
        if propagated:
            self.gap_ids.filtered(lambda g: g.state in OPEN_GAP_STATES).write(
                propagated
            )
        return result

    # actions

    def action_done(self):
        """Close the gaps still open: the improvement is made everywhere."""
        self.gap_ids.filtered(lambda g: g.state in OPEN_GAP_STATES).action_done()

    def action_view_gaps(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_gap_action"
        )
        action.update(
            {
                "domain": [("improvement_id", "=", self.id)],
                "context": {"default_improvement_id": self.id},
            }
        )
        return action
