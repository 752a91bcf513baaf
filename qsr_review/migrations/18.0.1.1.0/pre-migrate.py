"""18.0.1.1.0: a review stores its account's tier, industry and country (the
tier was a related field of the account's tier today). Until then a review
knew only the account's values of today: they are the best known for past
reviews, filled in with one UPDATE before the ORM would compute them review by
review. The tier column is kept as it is."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE qsr_review
            ADD COLUMN IF NOT EXISTS industry_id integer,
            ADD COLUMN IF NOT EXISTS country_id integer
        """
    )
    cr.execute(
        """
        UPDATE qsr_review r
           SET industry_id = p.industry_id, country_id = p.country_id
          FROM res_partner p
         WHERE p.id = r.partner_id
        """
    )
