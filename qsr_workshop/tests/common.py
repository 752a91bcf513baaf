from odoo.addons.qsr_review.tests.common import QsrReviewCommon, new_portal_contact


class QsrWorkshopCommon(QsrReviewCommon):
    """qsr_review's two accounts with a workshop review each, two portal contacts
    of account A and one of account B, issues on both sides and an action plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review_a.review_type = "workshop"
        cls.review_b.review_type = "workshop"
        cls.portal_a = new_portal_contact(
            cls.env, cls.account_a, "t_qsr_workshop_portal_a", "Paula Alpha"
        )
        cls.portal_a2 = new_portal_contact(
            cls.env, cls.account_a, "t_qsr_workshop_portal_a2", "Peter Alpha"
        )
        cls.portal_b = new_portal_contact(
            cls.env, cls.account_b, "t_qsr_workshop_portal_b", "Pia Beta"
        )

        Issue = cls.env["qsr.workshop.issue"]
        cls.issue_a_supplier, cls.issue_a_customer = Issue.create(
            [
                {
                    "review_id": cls.review_a.id,
                    "side": "supplier",
                    "title": "Late forecasts",
                },
                {
                    "review_id": cls.review_a.id,
                    "side": "customer",
                    "title": "Incomplete paperwork",
                },
            ]
        )
        Action = cls.env["qsr.workshop.action"]
        cls.action_a_ours = Action.create(
            {
                "review_id": cls.review_a.id,
                "name": "Fix the paperwork",
                "issue_id": cls.issue_a_customer.id,
                "side": "ours",
                "owner_user_id": cls.user_am_a.id,
            }
        )
        cls.action_a_theirs = Action.create(
            {
                "review_id": cls.review_a.id,
                "name": "Freeze the forecasts",
                "issue_id": cls.issue_a_supplier.id,
                "side": "theirs",
                "owner_partner_id": cls.portal_a.partner_id.id,
            }
        )
        cls.action_a_theirs_other = Action.create(
            {
                "review_id": cls.review_a.id,
                "name": "Name an escalation contact",
                "side": "theirs",
                "owner_partner_id": cls.portal_a2.partner_id.id,
            }
        )
        cls.action_b_theirs = Action.create(
            {
                "review_id": cls.review_b.id,
                "name": "Beta secret plan",
                "side": "theirs",
                "owner_partner_id": cls.portal_b.partner_id.id,
            }
        )
