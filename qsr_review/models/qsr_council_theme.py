from odoo import fields, models


class QsrCouncilTheme(models.Model):
    """A theme the executives of several accounts share at an advisory council."""

    _name = "qsr.council.theme"
    _description = "Advisory Council Theme"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one(
        "qsr.review", string="Council", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Theme", required=True)
    account_ids = fields.Many2many(
        "res.partner",
        string="Raised By",
        domain="['|', ('id', '=', parent.partner_id), "
        "('id', 'in', parent.council_account_ids)]",
    )
    outcome = fields.Text(help="What the council concluded; confidential.")
