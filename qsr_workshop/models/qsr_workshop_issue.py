from odoo import fields, models

ISSUE_SIDES = [("supplier", "Supplier View"), ("customer", "Customer View")]


class QsrWorkshopIssue(models.Model):
    _name = "qsr.workshop.issue"
    _description = "Workshop Issue"
    _order = "review_id, side, sequence, id"
    _rec_name = "title"

    review_id = fields.Many2one(
        "qsr.review", required=True, ondelete="cascade", index=True
    )
    account_id = fields.Many2one(
        related="review_id.partner_id", string="Account", store=True
    )
    sequence = fields.Integer(default=10)
    side = fields.Selection(ISSUE_SIDES, required=True, default="supplier")
    title = fields.Char(required=True)
    description = fields.Text()
    action_ids = fields.One2many("qsr.workshop.action", "issue_id", string="Actions")
