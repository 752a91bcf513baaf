from odoo import api, models

from .qsr_report_review_attribute import RESPONSE_COLUMNS


class QsrResponse(models.Model):
    """The sums of the priority analysis follow the submitted grids (see
    qsr.report.review.attribute)."""

    _inherit = "qsr.response"

    # what the sums follow: their columns, the participant (the stored weight
    # follows theirs) and the lines (the stored points bought follow theirs)
    _qsr_sums_inputs = frozenset({*RESPONSE_COLUMNS, "participant_id", "line_ids"})

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        responses = super().create(vals_list)
        self.env["qsr.report.review.attribute"]._refresh(
            responses._qsr_submitted_reviews()
        )
        return responses

    def write(self, vals):
        if not self._qsr_sums_inputs.intersection(vals):
            return super().write(vals)
        reviews = self._qsr_submitted_reviews()
        result = super().write(vals)
        self.env["qsr.report.review.attribute"]._refresh(
            reviews | self._qsr_submitted_reviews()
        )
        return result

    def unlink(self):
        reviews = self._qsr_submitted_reviews()
        result = super().unlink()
        self.env["qsr.report.review.attribute"]._refresh(reviews.exists())
        return result

    # business

    def _qsr_submitted_reviews(self):
        """The reviews of the submitted grids among these: those whose sums
        they count."""
        return self.sudo().filtered(lambda r: r.state == "submitted").review_id
