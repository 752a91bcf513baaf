"""18.0.1.1.0 adds qsr.report.review.attribute, the submitted lines summed per
review and attribute, kept by triggers from now on: sum the grids submitted
before."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT qsr_report_review_attribute_refresh(ARRAY(SELECT id FROM qsr_review))"
    )
