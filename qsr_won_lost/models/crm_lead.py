from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    qsr_won_lost_review_ids = fields.One2many(
        "qsr.review",
        "lead_id",
        string="Won/Lost Reviews",
        groups="qsr_review.group_qsr_user",
    )
    qsr_won_lost_review_count = fields.Integer(
        compute="_compute_qsr_won_lost_review_count",
        string="Won/Lost Review Count",
        groups="qsr_review.group_qsr_user",
    )
    qsr_won_lost_proposed = fields.Boolean(
        string="Won/Lost Review Proposed",
        copy=False,
        readonly=True,
        help="A won/lost review was proposed for this opportunity; it is never "
        "proposed twice.",
    )

    # compute

    def _compute_qsr_won_lost_review_count(self):
        counts = dict(
            self.env["qsr.review"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.qsr_won_lost_review_count = counts.get(lead, 0)

    # CRUD

    def write(self, vals):
        result = super().write(vals)
        if {"active", "stage_id", "probability"} & set(vals):
            self._qsr_propose_won_lost_review()
        return result

    # actions

    def action_view_qsr_won_lost_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_review_action"
        )
        reviews = self.qsr_won_lost_review_ids
        if len(reviews) == 1:
            action.update(res_id=reviews.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {}
        return action

    # business

    def _qsr_won_lost_review_due(self, threshold):
        """Whether the opportunity's account calls for a won/lost review: a
        key account (one with a tier), or any company when the opportunity's
        expected revenue reaches ``threshold`` (0: no threshold)."""
        self.ensure_one()
        account = self.partner_id.commercial_partner_id
        return bool(
            account.qsr_tier_id
            or (
                threshold > 0
                and account.is_company
                and self.expected_revenue >= threshold
            )
        )

    def _qsr_propose_won_lost_review(self):
        """Propose a won/lost review, once per opportunity, when an opportunity
        of a key account, or of any company above the review threshold of the
        Settings, is won or lost; the account manager gets a to-do."""
        threshold = self.env["res.config.settings"]._qsr_won_lost_review_threshold()
        leads = self.filtered(
            lambda lead: (
                lead.type == "opportunity"
                and not lead.qsr_won_lost_proposed
                and lead._qsr_outcome()
                and lead._qsr_won_lost_review_due(threshold)
            )
        )
        if not leads:
            return self.env["qsr.review"]
        # The salesperson closing the deal need not be a QSR user: the proposal
        # is a side effect of a change they were allowed to make.
        leads.check_access("write")
        today = fields.Date.context_today(self)
        reviews_sudo = (
            self.env["qsr.review"]
            .sudo()
            .create(
                [
                    {
                        "partner_id": lead.partner_id.commercial_partner_id.id,
                        "review_type": "won_lost",
                        "lead_id": lead.id,
                        "date_planned": today,
                        "company_id": (lead.company_id or self.env.company).id,
                    }
                    for lead in leads
                ]
            )
        )
        reviews_sudo._schedule_won_lost_activity()
        return reviews_sudo
