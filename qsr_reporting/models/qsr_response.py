from odoo import api, models

from .qsr_report_review_attribute import RESPONSE_COLUMNS


class QsrResponse(models.Model):
    """The sums of the priority analysis follow the submitted grids (see
    qsr.report.review.attribute)."""

    _inherit = "qsr.response"

    # what the sums follow: their columns, the participant (the stored weight
    # follows theirs) and the lines (the stored points bought follow theirs)
    _qsr_sums_inputs = frozenset({*RESPONSE_COLUMNS, "participant_id", "line_ids"})
    # what the packages' figures follow: the submitted answers of their scope
    _qsr_package_inputs = frozenset({"state", "review_id", "grid_id", "participant_id"})

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        responses = super().create(vals_list)
        self.env["qsr.report.review.attribute"]._refresh(
            responses._qsr_submitted_reviews()
        )
        self.env["qsr.package"]._update_for_responses(responses._qsr_submitted())
        return responses

    def write(self, vals):
        # the packages whose scope held or holds them follow (submit, reopen)
        packages_follow = self._qsr_package_inputs.intersection(vals)
        before = self._qsr_submitted() if packages_follow else None
        if not self._qsr_sums_inputs.intersection(vals):
            result = super().write(vals)
        else:
            reviews = self._qsr_submitted_reviews()
            result = super().write(vals)
            self.env["qsr.report.review.attribute"]._refresh(
                reviews | self._qsr_submitted_reviews()
            )
        if packages_follow:
            self.env["qsr.package"]._update_for_responses(
                before | self._qsr_submitted()
            )
        return result

    def unlink(self):
        reviews = self._qsr_submitted_reviews()
        packages = self.env["qsr.package"]._holding(self._qsr_submitted())
        result = super().unlink()
        self.env["qsr.report.review.attribute"]._refresh(reviews.exists())
        packages.exists()._mark_outdated()
        return result

    # business

    def _qsr_submitted(self):
        """The submitted grids among these, whoever submits them."""
        return self.sudo().filtered(lambda r: r.state == "submitted")

    def _qsr_submitted_reviews(self):
        """The reviews of the submitted grids among these: those whose sums
        they count."""
        return self.sudo().filtered(lambda r: r.state == "submitted").review_id
