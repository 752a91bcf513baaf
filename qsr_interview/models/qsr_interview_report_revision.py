from odoo import fields, models


class QsrInterviewReportRevision(models.Model):
    _name = "qsr.interview.report.revision"
    _description = "Customer Revision of an Interview Report"
    _order = "date desc, id desc"

    report_id = fields.Many2one(
        "qsr.interview.report", required=True, ondelete="cascade", index=True
    )
    review_id = fields.Many2one(related="report_id.review_id", store=True)
    author_id = fields.Many2one("res.partner", readonly=True, ondelete="restrict")
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    body_before = fields.Html(string="Text Before", readonly=True)
    body_after = fields.Html(string="Text After", readonly=True)

    def _compute_display_name(self):
        for revision in self:
            revision.display_name = self.env._(
                "%(author)s, %(date)s",
                author=revision.author_id.name or self.env._("Customer"),
                date=fields.Datetime.to_string(revision.date),
            )
