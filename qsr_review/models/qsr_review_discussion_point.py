from odoo import fields, models


class QsrReviewDiscussionPoint(models.Model):
    _name = "qsr.review.discussion.point"
    _description = "Review Meeting Discussion Point"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one(
        "qsr.review", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Discussion Point", required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Presented By",
        required=True,
        default=lambda self: self.env.user,
    )
    done = fields.Boolean(string="Covered")
