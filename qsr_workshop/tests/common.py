from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.qsr_review.tests.common import QsrReviewCommon


class QsrWorkshopCommon(QsrReviewCommon):
    """qsr_review's two accounts with a workshop review each, two portal contacts
    of account A and one of account B, issues on both sides and an action plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review_a.review_type = "workshop"
        cls.review_b.review_type = "workshop"
        cls.portal_a = mail_new_test_user(
            cls.env,
            login="t_qsr_workshop_portal_a",
            name="Paula Alpha",
            email="paula.alpha@example.com",
            groups="base.group_portal",
        )
        cls.portal_a2 = mail_new_test_user(
            cls.env,
            login="t_qsr_workshop_portal_a2",
            name="Peter Alpha",
            email="peter.alpha@example.com",
            groups="base.group_portal",
        )
        cls.portal_b = mail_new_test_user(
            cls.env,
            login="t_qsr_workshop_portal_b",
            name="Pia Beta",
            email="pia.beta@example.com",
            groups="base.group_portal",
        )
        (cls.portal_a.partner_id | cls.portal_a2.partner_id).parent_id = cls.account_a
        cls.portal_b.partner_id.parent_id = cls.account_b

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
