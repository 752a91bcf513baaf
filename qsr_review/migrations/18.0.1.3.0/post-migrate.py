"""18.0.1.3.0: the customer sees a review's results on the portal once the
account manager publishes them. Until now the portal showed them from
Compile Results on: the reviews whose results customers could already see
stay published, as of their last change, so that no customer loses a page
they had."""

# the stages from which the portal showed a review's results
SHOWN_STAGES = ("compile", "engage", "prepare", "meet", "educate", "continue", "done")


def publish_shown_results(cr):
    """Publish the results the portal showed before this version: reviews
    that are neither cancelled nor confidential, from Compile Results on."""
    cr.execute(
        """
        UPDATE qsr_review
           SET results_published = true,
               date_results_published = write_date
         WHERE stage IN %s
           AND confidential IS NOT true
           AND results_published IS NOT true
        """,
        (SHOWN_STAGES,),
    )
    return cr.rowcount


def migrate(cr, version):
    if not version:
        return
    publish_shown_results(cr)
