from odoo import fields, models


class QsrInterviewGuideQuestion(models.Model):
    _name = "qsr.interview.guide.question"
    _description = "Executive Interview Guide Question"
    _order = "guide_id, sequence, id"
    _rec_name = "question"

    guide_id = fields.Many2one(
        "qsr.interview.guide", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    question = fields.Text(required=True, translate=True)
