from odoo import api, fields, models


class QsrInterviewGuide(models.Model):
    _name = "qsr.interview.guide"
    _description = "Executive Interview Guide"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    question_ids = fields.One2many(
        "qsr.interview.guide.question", "guide_id", string="Questions", copy=True
    )
    question_count = fields.Integer(compute="_compute_question_count")

    # compute

    @api.depends("question_ids")
    def _compute_question_count(self):
        for guide in self:
            guide.question_count = len(guide.question_ids)

    # business

    @api.model
    def _get_default_guide(self):
        guide = self.env.ref("qsr_interview.guide_default", raise_if_not_found=False)
        if guide and guide.active:
            return guide
        return self.search([], limit=1)
