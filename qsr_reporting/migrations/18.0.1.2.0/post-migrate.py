"""18.0.1.2.0 keeps the sums of qsr.report.review.attribute in the ORM methods
that change what they add up: drop the triggers, their functions and the table
of stale reviews that kept them in PostgreSQL, then sum every review's
submitted grids (for a database before 18.0.1.1.0 too, which had no sums)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        DROP FUNCTION IF EXISTS qsr_report_review_attribute_qsr_response() CASCADE;
        DROP FUNCTION IF EXISTS qsr_report_review_attribute_qsr_response_line()
            CASCADE;
        DROP FUNCTION IF EXISTS qsr_report_review_attribute_refresh(integer[]);
        DROP TABLE IF EXISTS qsr_report_review_attribute_stale;
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["qsr.report.review.attribute"]._refresh()
