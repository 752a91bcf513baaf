from odoo import fields, models

from .qsr_account_team_member import TEAM_FUNCTIONS


class QsrReviewEngagement(models.Model):
    _name = "qsr.review.engagement"
    _description = "Resource Engaged After a Review"
    _order = "review_id, id"

    review_id = fields.Many2one(
        "qsr.review", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", string="Team Member", required=True)
    department = fields.Selection(TEAM_FUNCTIONS, required=True, default="service")
    action = fields.Char(string="What They Will Do", required=True)
    date_briefed = fields.Date(string="Briefed On", default=fields.Date.context_today)
