from odoo import models


class QsrReviewParticipant(models.Model):
    """The sums of the priority analysis and the packages' figures follow the
    influence weight of the participants who submitted their grid (see
    qsr.report.review.attribute and qsr.package)."""

    _inherit = "qsr.review.participant"

    # the influence weight, and what it is computed from
    _qsr_weight_inputs = frozenset({"weight", "contact_level", "partner_id"})

    # CRUD

    def write(self, vals):
        result = super().write(vals)
        if self._qsr_weight_inputs.intersection(vals):
            self.env["qsr.report.review.attribute"]._refresh(
                self.sudo().response_ids._qsr_submitted_reviews()
            )
            self.env["qsr.package"]._update_for_responses(
                self.sudo().response_ids._qsr_submitted()
            )
        return result

    def unlink(self):
        # the participant's grid goes by the database's cascade
        reviews = self.sudo().response_ids._qsr_submitted_reviews()
        packages = self.env["qsr.package"]._holding(
            self.sudo().response_ids._qsr_submitted()
        )
        result = super().unlink()
        self.env["qsr.report.review.attribute"]._refresh(reviews.exists())
        packages.exists()._mark_outdated()
        return result

    # business

    def _get_results_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/my/qsr/results"
