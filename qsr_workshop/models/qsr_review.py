from odoo import api, fields, models


class QsrReview(models.Model):
    _inherit = "qsr.review"

    workshop_issue_ids = fields.One2many(
        "qsr.workshop.issue", "review_id", string="Workshop Issues"
    )
    workshop_supplier_issue_ids = fields.One2many(
        "qsr.workshop.issue",
        "review_id",
        string="Supplier View",
        domain=[("side", "=", "supplier")],
    )
    workshop_customer_issue_ids = fields.One2many(
        "qsr.workshop.issue",
        "review_id",
        string="Customer View",
        domain=[("side", "=", "customer")],
    )
    workshop_action_ids = fields.One2many(
        "qsr.workshop.action", "review_id", string="Action Plan"
    )
    workshop_action_count = fields.Integer(compute="_compute_workshop_action_count")

    # compute

    @api.depends("workshop_action_ids")
    def _compute_workshop_action_count(self):
        for review in self:
            review.workshop_action_count = len(review.workshop_action_ids)
