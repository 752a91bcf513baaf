"""18.0.1.2.0: a review stores its account's annual revenue when it starts
collecting feedback (its willingness to pay is worked out from it). Past
reviews get the account's revenue of today, the best known, with one UPDATE
before the ORM would compute it review by review."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE qsr_review ADD COLUMN IF NOT EXISTS account_revenue numeric")
    cr.execute(
        """
        UPDATE qsr_review r
           SET account_revenue = p.qsr_annual_revenue
          FROM res_partner p
         WHERE p.id = r.partner_id
        """
    )
