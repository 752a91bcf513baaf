from odoo import api, fields, models


class QsrReview(models.Model):
    _inherit = "qsr.review"

    interview_guide_id = fields.Many2one(
        "qsr.interview.guide",
        compute="_compute_interview_guide_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Its questions are copied to the review, where they can be edited.",
    )
    interview_answer_ids = fields.One2many(
        "qsr.interview.answer", "review_id", string="Interview", copy=True
    )
    interview_report_ids = fields.One2many(
        "qsr.interview.report", "review_id", string="Interview Reports"
    )
    interview_report_id = fields.Many2one(
        "qsr.interview.report", compute="_compute_interview_report_id", store=True
    )
    interview_report_state = fields.Selection(
        related="interview_report_id.state", string="Report Status"
    )

    # compute

    @api.depends("review_type")
    def _compute_interview_guide_id(self):
        default_guide = self.env["qsr.interview.guide"]._get_default_guide()
        for review in self:
            if review.review_type != "interview":
                review.interview_guide_id = False
            elif not review.interview_guide_id:
                review.interview_guide_id = default_guide

    @api.depends("interview_report_ids")
    def _compute_interview_report_id(self):
        for review in self:
            review.interview_report_id = review.interview_report_ids[:1]

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        reviews._copy_interview_guide()
        return reviews

    def write(self, vals):
        guides = {review: review.interview_guide_id for review in self}
        result = super().write(vals)
        if "interview_guide_id" in vals or "review_type" in vals:
            self.filtered(
                lambda review: review.interview_guide_id != guides[review]
            )._copy_interview_guide()
        return result

    # actions

    def action_draft_interview_report(self):
        """Create the interview report, or rewrite the draft one, from the
        questions, notes and quotes."""
        self.ensure_one()
        report = self.interview_report_id or self.env["qsr.interview.report"].create(
            {"review_id": self.id}
        )
        report.action_draft_body()
        return {
            "type": "ir.actions.act_window",
            "res_model": report._name,
            "res_id": report.id,
            "view_mode": "form",
        }

    def action_view_interview_report(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "qsr.interview.report",
            "res_id": self.interview_report_id.id,
            "view_mode": "form",
        }

    # business

    def _copy_interview_guide(self):
        """Give interview reviews the questions of their guide: the questions
        left unanswered give way to those of the guide, answered ones stay."""
        reviews = self.filtered(
            lambda r: r.review_type == "interview" and r.interview_guide_id
        )
        empty = reviews.interview_answer_ids.filtered(lambda a: a._is_empty())
        vals_list = []
        for review in reviews:
            known = set((review.interview_answer_ids - empty).mapped("question"))
            vals_list += [
                {
                    "review_id": review.id,
                    "sequence": question.sequence,
                    "question": question.question,
                }
                for question in review.interview_guide_id.question_ids
                if question.question not in known
            ]
        empty.unlink()
        self.env["qsr.interview.answer"].create(vals_list)
