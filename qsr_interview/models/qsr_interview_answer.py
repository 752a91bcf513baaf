from odoo import fields, models


class QsrInterviewAnswer(models.Model):
    _name = "qsr.interview.answer"
    _description = "Executive Interview Answer"
    _order = "review_id, sequence, id"
    _rec_name = "question"

    review_id = fields.Many2one(
        "qsr.review", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    question = fields.Text(required=True)
    notes = fields.Text(help="What the interviewee said, in the interviewer's words.")
    quotes = fields.Text(
        help="Verbatim quotes of the interviewee, one a line; they go into the "
        "report as they are."
    )

    # business

    def _is_empty(self):
        self.ensure_one()
        return not (self.notes or "").strip() and not (self.quotes or "").strip()

    def _quote_lines(self):
        """The quotes, one a line, without blank lines or surrounding quotes."""
        self.ensure_one()
        lines = (line.strip() for line in (self.quotes or "").splitlines())
        return [line.strip('"“”') for line in lines if line.strip('"“”')]
