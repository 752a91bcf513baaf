from odoo import fields, models

TEAM_FUNCTIONS = [
    ("sales", "Sales"),
    ("service", "Customer Service"),
    ("technical", "Technical"),
    ("logistics", "Logistics"),
    ("finance", "Finance"),
    ("marketing", "Marketing"),
    ("product", "Product Management"),
    ("management", "Senior Management"),
    ("other", "Other"),
]


class QsrAccountTeamMember(models.Model):
    _name = "qsr.account.team.member"
    _description = "Extended Account Team Member"
    _order = "partner_id, sequence, id"

    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_company", "=", True)],
    )
    user_id = fields.Many2one("res.users", string="Team Member", required=True)
    function = fields.Selection(TEAM_FUNCTIONS, required=True, default="service")
    note = fields.Char(string="What They Can Do")

    _sql_constraints = [
        (
            "member_uniq",
            "UNIQUE(partner_id, user_id, function)",
            "This person already has this function on the account team.",
        ),
    ]
