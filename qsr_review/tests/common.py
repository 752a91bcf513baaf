from odoo.fields import Command

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user


def new_portal_contact(env, account, login, name):
    """A portal user who is a contact of ``account``."""
    user = mail_new_test_user(
        env,
        login=login,
        name=name,
        email=f"{login}@example.com",
        groups="base.group_portal",
    )
    user.partner_id.parent_id = account
    return user


class QsrReviewCommon(BaseCommon):
    """Two accounts, each with its own account manager and contacts at every
    level, a sales director, a plain internal user and one review each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_strategic = cls.env.ref("qsr_review.tier_strategic")
        cls.tier_key = cls.env.ref("qsr_review.tier_key")
        cls.tier_development = cls.env.ref("qsr_review.tier_development")
        cls.tier_maintain = cls.env.ref("qsr_review.tier_maintain")

        cls.user_am_a = mail_new_test_user(
            cls.env,
            login="t_qsr_am_a",
            name="Anna Manager",
            groups="qsr_review.group_qsr_user",
        )
        cls.user_am_b = mail_new_test_user(
            cls.env,
            login="t_qsr_am_b",
            name="Bert Manager",
            groups="qsr_review.group_qsr_user",
        )
        cls.user_director = mail_new_test_user(
            cls.env,
            login="t_qsr_director",
            name="Dora Director",
            groups="qsr_review.group_qsr_manager",
        )
        cls.user_internal = mail_new_test_user(
            cls.env,
            login="t_qsr_internal",
            name="Ivan Internal",
            groups="base.group_user",
        )
        cls.user_sponsor = mail_new_test_user(
            cls.env,
            login="t_qsr_vp",
            name="Victor Sponsor",
            groups="qsr_review.group_qsr_user",
        )

        cls.account_a = cls.env["res.partner"].create(
            {
                "name": "Alpha Industries",
                "is_company": True,
                "qsr_tier_id": cls.tier_key.id,
                "qsr_annual_revenue": 2_000_000,
                "user_id": cls.user_am_a.id,
            }
        )
        cls.account_b = cls.env["res.partner"].create(
            {
                "name": "Beta Logistics",
                "is_company": True,
                "qsr_tier_id": cls.tier_strategic.id,
                "qsr_annual_revenue": 8_000_000,
                "user_id": cls.user_am_b.id,
            }
        )
        cls.contact_a_exec, cls.contact_a_user = cls.env["res.partner"].create(
            [
                {
                    "name": "Alice Exec",
                    "function": "CEO",
                    "parent_id": cls.account_a.id,
                    "qsr_contact_level": "executive",
                },
                {
                    "name": "Oscar Operator",
                    "function": "Planner",
                    "parent_id": cls.account_a.id,
                    "qsr_contact_level": "operational",
                },
            ]
        )
        cls.contact_b = cls.env["res.partner"].create(
            {
                "name": "Bob Buyer",
                "function": "Purchasing Director",
                "parent_id": cls.account_b.id,
                "qsr_contact_level": "senior",
            }
        )
        cls.review_a = cls.env["qsr.review"].create(
            {
                "partner_id": cls.account_a.id,
                "participant_ids": [
                    Command.create({"partner_id": cls.contact_a_exec.id}),
                    Command.create({"partner_id": cls.contact_a_user.id}),
                ],
            }
        )
        cls.review_b = cls.env["qsr.review"].create(
            {
                "partner_id": cls.account_b.id,
                "participant_ids": [Command.create({"partner_id": cls.contact_b.id})],
            }
        )
