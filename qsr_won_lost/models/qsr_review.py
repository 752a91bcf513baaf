from odoo import api, fields, models

from .qsr_won_lost_reason import OUTCOMES


class QsrReview(models.Model):
    _inherit = "qsr.review"

    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        copy=False,
        tracking=True,
        index="btree_not_null",
        ondelete="set null",
        help="The opportunity won or lost that this review looks back on.",
    )
    outcome = fields.Selection(
        OUTCOMES,
        compute="_compute_outcome",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Won or lost, as the opportunity stands; kept when it is reopened.",
    )
    won_lost_reason_ids = fields.Many2many(
        "qsr.won.lost.reason",
        "qsr_review_won_lost_reason_rel",
        "review_id",
        "reason_id",
        string="Why",
        domain="['|', ('applies_to', '=', 'both'), ('applies_to', '=', outcome)]",
    )
    competitor = fields.Char(
        string="Against Whom",
        tracking=True,
        help="The competitor we won the business from, or lost it to.",
    )
    lessons = fields.Html(help="What we learnt, to improve the win:loss ratio.")

    _sql_constraints = [
        (
            "lead_uniq",
            "UNIQUE(lead_id)",
            "This opportunity already has its won/lost review.",
        ),
    ]

    # compute

    @api.depends("lead_id.active", "lead_id.probability", "lead_id.stage_id.is_won")
    def _compute_outcome(self):
        for review in self:
            if review.lead_id:
                review.outcome = review.lead_id._qsr_outcome() or review.outcome
            else:
                review.outcome = review.outcome

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        # the opportunity had its review: it never proposes another one
        leads_sudo = reviews.lead_id.sudo().filtered(
            lambda lead: not lead.qsr_won_lost_proposed
        )
        leads_sudo.qsr_won_lost_proposed = True
        return reviews

    # business

    def _schedule_won_lost_activity(self):
        """A to-do for the account manager (else the salesperson) to hold the
        review of a closed opportunity."""
        for review in self:
            user = review.user_id or review.lead_id.user_id or self.env.user
            review.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.env._("Hold a won/lost review"),
                note=(
                    self.env._(
                        "Opportunity %s was won: find out why and against whom, "
                        "and record the lessons.",
                        review.lead_id.name,
                    )
                    if review.outcome == "won"
                    else self.env._(
                        "Opportunity %s was lost: find out why and against whom, "
                        "and record the lessons.",
                        review.lead_id.name,
                    )
                ),
            )
