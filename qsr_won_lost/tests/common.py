from odoo.addons.qsr_review.tests.common import (
    QsrReviewCommon,
    new_account,
    new_users,
)


class QsrWonLostCommon(QsrReviewCommon):
    """The two key accounts of QsrReviewCommon, a company without a tier, a
    salesperson who is no QSR user, pipeline stages and reasons of our own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        [cls.user_salesman] = new_users(
            cls.env,
            ("t_qsr_won_lost_sales", "Sam Seller", "sales_team.group_sale_salesman"),
        )
        cls.account_plain = new_account(cls.env, "Gamma Retail")
        cls.contact_plain = cls.env["res.partner"].create(
            {"name": "Greta Gamma", "parent_id": cls.account_plain.id}
        )
        cls.stage_new, cls.stage_won = cls.env["crm.stage"].create(
            [
                {"name": "T New", "sequence": 1},
                {"name": "T Won", "sequence": 70, "is_won": True},
            ]
        )
        Reason = cls.env["qsr.won.lost.reason"]
        cls.reason_price = Reason.create({"name": "T Price"})
        cls.reason_service = Reason.create({"name": "T Service", "applies_to": "won"})
        cls.reason_incumbent = Reason.create(
            {"name": "T Incumbent", "applies_to": "lost"}
        )

    @classmethod
    def _create_opportunity(cls, partner, user=None, **values):
        return cls.env["crm.lead"].create(
            {
                "name": f"Deal with {partner.name}",
                "type": "opportunity",
                "partner_id": partner.id,
                "user_id": (user or cls.user_salesman).id,
                "stage_id": cls.stage_new.id,
                "probability": 30,
                **values,
            }
        )
