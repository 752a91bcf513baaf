from odoo import api, fields, models

from .res_partner import CONTACT_LEVELS


class QsrReviewParticipant(models.Model):
    _name = "qsr.review.participant"
    _description = "Review Participant"
    _order = "review_id, weight desc, id"

    review_id = fields.Many2one(
        "qsr.review", required=True, ondelete="cascade", index=True
    )
    account_id = fields.Many2one(related="review_id.partner_id", string="Account")
    allowed_account_ids = fields.Many2many(
        "res.partner",
        compute="_compute_allowed_account_ids",
        help="The accounts whose contacts may take part: the review's, or every "
        "account represented at a council.",
    )
    contact_account_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Contact's Account"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        domain="[('commercial_partner_id', 'in', allowed_account_ids), "
        "('is_company', '=', False)]",
    )
    function = fields.Char(related="partner_id.function", string="Job Position")
    buying_role = fields.Selection(
        related="partner_id.qsr_buying_role", groups="qsr_review.group_qsr_user"
    )
    attitude = fields.Selection(
        related="partner_id.qsr_attitude", groups="qsr_review.group_qsr_user"
    )
    covered_by_id = fields.Many2one(
        related="partner_id.qsr_covered_by_id", groups="qsr_review.group_qsr_user"
    )
    contact_level = fields.Selection(
        CONTACT_LEVELS,
        string="Level",
        compute="_compute_contact_level",
        store=True,
        readonly=False,
        precompute=True,
    )
    weight = fields.Integer(
        string="Influence Weight",
        compute="_compute_weight",
        store=True,
        readonly=False,
        precompute=True,
        help="The weight of this contact's answers, from their level when invited.",
    )
    state = fields.Selection(
        [
            ("to_invite", "To Invite"),
            ("invited", "Invited"),
            ("responded", "Responded"),
            ("declined", "Declined"),
        ],
        default="to_invite",
        required=True,
    )

    _sql_constraints = [
        (
            "partner_uniq",
            "UNIQUE(review_id, partner_id)",
            "This contact already takes part in the review.",
        ),
    ]

    # compute

    @api.depends(
        "review_id.partner_id", "review_id.review_type", "review_id.council_account_ids"
    )
    def _compute_allowed_account_ids(self):
        for participant in self:
            review = participant.review_id
            council = review.review_type == "council"
            participant.allowed_account_ids = review.partner_id | (
                review.council_account_ids if council else review.partner_id.browse()
            )

    @api.depends("partner_id")
    def _compute_contact_level(self):
        for participant in self:
            participant.contact_level = (
                participant.partner_id.qsr_contact_level or participant.contact_level
            )

    @api.depends("contact_level")
    def _compute_weight(self):
        weights = self.env["res.config.settings"]._qsr_level_weights()
        for participant in self:
            participant.weight = weights.get(participant.contact_level, 1)

    @api.depends("partner_id.name", "partner_id.function")
    def _compute_display_name(self):
        for participant in self:
            name, title = participant.partner_id.name, participant.partner_id.function
            participant.display_name = f"{name}, {title}" if title else name

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        participants = super().create(vals_list)
        participants.review_id.filtered("meeting_event_id")._sync_meeting_event()
        return participants

    def write(self, vals):
        invited = self.review_id._meeting_invited() if "partner_id" in vals else {}
        result = super().write(vals)
        if invited:
            self.review_id._sync_meeting_event(invited)
        return result

    def unlink(self):
        # exists(): the uninstall hook has already emptied the reviews' table
        reviews = self.exists().review_id
        invited = reviews._meeting_invited()
        result = super().unlink()
        if invited:
            reviews.exists()._sync_meeting_event(invited)
        return result

    # business

    def _get_results_url(self):
        """Where the participant reads the review's published results: their
        portal (the reporting addon adds the results page)."""
        self.ensure_one()
        return f"{self.get_base_url()}/my"
