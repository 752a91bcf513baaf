"""18.0.1.4.0 sums, per review and attribute, what the trade-offs are worth
(willingness to pay), the price row's rises and the competitor comparison:
the upgrade has added their columns to qsr_report_review_attribute; sum every
review's submitted grids again, in one statement."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["qsr.report.review.attribute"]._refresh()
