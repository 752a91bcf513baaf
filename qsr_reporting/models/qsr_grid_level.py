from odoo import api, models


class QsrGridLevel(models.Model):
    """The sums of the priority analysis follow the levels of the answered
    attributes: their costs and order give the metrics of every line of the
    attribute (see qsr.report.review.attribute)."""

    _inherit = "qsr.grid.level"

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        levels = super().create(vals_list)
        self._qsr_refresh_sums(levels.attribute_id)
        return levels

    def write(self, vals):
        attributes = self.attribute_id
        result = super().write(vals)
        if {"cost", "sequence", "attribute_id"}.intersection(vals):
            self._qsr_refresh_sums(attributes | self.attribute_id)
        return result

    def unlink(self):
        attributes = self.attribute_id
        result = super().unlink()
        self._qsr_refresh_sums(attributes)
        return result

    # business

    @api.model
    def _qsr_refresh_sums(self, attributes):
        """Recompute the sums of the reviews with submitted lines of
        ``attributes``."""
        if not attributes:
            return
        responses_sudo = (
            self.env["qsr.response"]
            .sudo()
            .search(
                [
                    ("state", "=", "submitted"),
                    ("line_ids.attribute_id", "in", attributes.ids),
                ]
            )
        )
        self.env["qsr.report.review.attribute"]._refresh(responses_sudo.review_id)
