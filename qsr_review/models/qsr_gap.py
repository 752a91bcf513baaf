from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .qsr_account_team_member import TEAM_FUNCTIONS


class QsrGap(models.Model):
    _name = "qsr.gap"
    _inherit = ["mail.thread", "mail.activity.mixin", "qsr.deadline.mixin"]
    _description = "Review Gap"
    _order = "priority desc, date_deadline, id"
    _check_company_auto = True
    _deadline_states = ("open", "progress")

    name = fields.Char(string="Gap", required=True, tracking=True)
    review_id = fields.Many2one(
        "qsr.review",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="review_id.partner_id", string="Account", store=True, index=True
    )
    wave_id = fields.Many2one(related="review_id.wave_id", store=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    description = fields.Html()
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Urgent"), ("3", "Critical")],
        default="0",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        default=lambda self: self.env.user,
        index=True,
    )
    department = fields.Selection(TEAM_FUNCTIONS)
    date_deadline = fields.Date(string="Due Date", tracking=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("progress", "In Progress"),
            ("done", "Done"),
            ("wont_fix", "Won't Fix"),
        ],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    date_done = fields.Date(
        string="Done On",
        compute="_compute_date_done",
        store=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="The day the gap was last marked done.",
    )
    resolution = fields.Text(
        string="What We Did",
        help="What was done about the gap, in words for the customer: shown in "
        "“You said, we did” on the account plan.",
    )
    customer_visible = fields.Boolean(
        string="Visible to Customer",
        help="The customer sees this gap and its status on the portal.",
    )
    expected_revenue = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    opportunity_id = fields.Many2one(
        "crm.lead",
        copy=False,
        index="btree_not_null",
        tracking=True,
        domain="[('type', '=', 'opportunity'), ('partner_id', 'child_of', partner_id)]",
        help="The opportunity of the account that closes this gap: created from "
        "the gap or linked to an existing one. When it is won the gap is done, "
        "when it is lost the gap is open again.",
    )
    improvement_id = fields.Many2one(
        "qsr.improvement",
        string="Company-Wide Improvement",
        ondelete="set null",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )

    # compute

    @api.depends("state")
    def _compute_date_done(self):
        today = fields.Date.context_today(self)
        for gap in self:
            if gap.state != "done":
                gap.date_done = False
            elif not gap.date_done:
                gap.date_done = today

    # constraints

    @api.constrains("opportunity_id", "review_id")
    def _check_opportunity_account(self):
        for gap in self.filtered("opportunity_id"):
            lead = gap.opportunity_id.sudo()
            if lead.partner_id.commercial_partner_id != gap.partner_id:
                raise ValidationError(
                    self.env._(
                        "Opportunity %(lead)s is not one of account %(account)s: "
                        "gap %(gap)s can only be linked to an opportunity of its "
                        "account.",
                        lead=lead.name,
                        account=gap.partner_id.name,
                        gap=gap.name,
                    )
                )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        gaps = super().create(vals_list)
        # Its owner sees a gap even when they cannot see its review: a gap is
        # only added to, or moved to, a review its author may change.
        gaps.review_id.check_access("write")
        return gaps

    def write(self, vals):
        result = super().write(vals)
        if "review_id" in vals:
            self.review_id.check_access("write")
        return result

    # actions

    def action_start(self):
        self.state = "progress"

    def action_done(self):
        self.state = "done"

    def action_wont_fix(self):
        self.state = "wont_fix"

    def action_reopen(self):
        self.state = "open"

    def action_create_opportunity(self):
        """Turn the gap into a CRM opportunity for the account manager."""
        tag = self.env.ref("qsr_review.crm_tag_qsr", raise_if_not_found=False)
        leads = self.env["crm.lead"]
        for gap in self.filtered(lambda g: not g.opportunity_id):
            gap.opportunity_id = leads.create(gap._prepare_opportunity_values(tag))
            gap.message_post(
                body=self.env._(
                    "Opportunity %s created from this gap.", gap.opportunity_id.name
                )
            )
        return self.opportunity_id._get_qsr_action()

    def _qsr_opportunity_won(self, lead):
        """The linked opportunity ``lead`` was won: its gaps are done."""
        for gap in self:
            if gap.state == "done":
                continue
            gap.state = "done"
            gap.message_post(
                body=self.env._("Opportunity %s was won: the gap is done.", lead.name)
            )

    def _qsr_opportunity_lost(self, lead):
        """The linked opportunity ``lead`` was lost: its gaps are open again,
        with the lost reason on their chatter."""
        reason = lead.lost_reason_id.name or self.env._("no reason given")
        for gap in self:
            if gap.state == "open":
                body = self.env._(
                    "Opportunity %(lead)s was lost (%(reason)s): the gap stays open.",
                    lead=lead.name,
                    reason=reason,
                )
            else:
                gap.state = "open"
                body = self.env._(
                    "Opportunity %(lead)s was lost (%(reason)s): the gap is open "
                    "again.",
                    lead=lead.name,
                    reason=reason,
                )
            gap.message_post(body=body)

    def _prepare_opportunity_values(self, tag=None):
        """The values of the CRM opportunity created from this gap."""
        self.ensure_one()
        return {
            "name": self.name,
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "user_id": self.review_id.user_id.id or self.user_id.id,
            "expected_revenue": self.expected_revenue,
            "description": self.description,
            "tag_ids": [fields.Command.link(tag.id)] if tag else [],
            "company_id": self.company_id.id,
        }

    def _sorted_said_did(self):
        """The gaps as "You said, we did" lists them: done ones first, the
        latest done first, then the others by due date."""
        return self.sorted(
            lambda g: (
                g.state != "done",
                -(g.date_done.toordinal() if g.date_done else 0),
                g.date_deadline.toordinal() if g.date_deadline else 10**7,
                g.id,
            )
        )

    def action_schedule_activity(self):
        """A to-do for the gap's owner, due when the gap is."""
        for gap in self:
            if not gap.user_id:
                raise UserError(self.env._("Give gap %s an owner first.", gap.name))
            gap.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=gap.date_deadline or fields.Date.context_today(gap),
                user_id=gap.user_id.id,
                summary=gap.name,
                note=self.env._(
                    "Close the gap found in review %s.", gap.review_id.name
                ),
            )
        return True
