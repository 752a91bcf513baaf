from odoo import api, fields, models


class QsrReview(models.Model):
    _inherit = "qsr.review"

    benchmark_html = fields.Html(
        string="Benchmark",
        compute="_compute_benchmark_html",
        sanitize=False,
        help="The account against its tier and the whole portfolio in the wave of "
        "the review, and its trend over the waves up to it.",
    )

    changes_html = fields.Html(
        string="Since the Last Wave",
        compute="_compute_changes_html",
        sanitize=False,
        help="Row by row, what changed for the account since the review this "
        "one follows, on the same grid.",
    )

    # compute

    @api.depends("previous_review_id", "response_ids.state")
    @api.depends_context("uid")
    def _compute_changes_html(self):
        Report = self.env["qsr.report.response.line"]
        for review in self:
            review_ = review._origin
            visible = (
                review_ and Report.has_access("read") and review_.has_access("read")
            )
            review.changes_html = (
                self.env["ir.qweb"]._render(
                    "qsr_reporting.wave_changes",
                    {
                        "changes": Report._wave_changes(review_),
                        "previous": review_.previous_review_id,
                    },
                )
                if visible
                else False
            )

    @api.depends("partner_id", "wave_id")
    @api.depends_context("uid")
    def _compute_benchmark_html(self):
        for review in self:
            account = review.partner_id._origin
            review.benchmark_html = (
                account._qsr_benchmark_html(review.wave_id._origin or None)
                if account
                else False
            )
