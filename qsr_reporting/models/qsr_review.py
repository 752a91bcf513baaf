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

    # compute

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
