from odoo import api, models


class QsrResponseLine(models.Model):
    """The sums of the priority analysis follow the lines of the submitted
    grids (see qsr.report.review.attribute)."""

    _inherit = "qsr.response.line"

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self.env["qsr.report.review.attribute"]._refresh(
            lines.response_id._qsr_submitted_reviews()
        )
        return lines

    def write(self, vals):
        # the lines of a submitted grid change rarely: any change recomputes
        reviews = self.response_id._qsr_submitted_reviews()
        result = super().write(vals)
        self.env["qsr.report.review.attribute"]._refresh(
            reviews | self.response_id._qsr_submitted_reviews()
        )
        return result

    def unlink(self):
        reviews = self.response_id._qsr_submitted_reviews()
        result = super().unlink()
        self.env["qsr.report.review.attribute"]._refresh(reviews.exists())
        return result
