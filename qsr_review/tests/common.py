from datetime import date

from odoo.fields import Command

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user


def new_user(env, login, name, groups, email=None):
    """A user of ``groups`` (comma-separated xml ids); Odoo makes up the e-mail
    address unless it is given."""
    values = {"email": email} if email else {}
    return mail_new_test_user(env, login=login, name=name, groups=groups, **values)


def new_users(env, *users):
    """Users from (login, name, groups) or (login, name, groups, email) tuples."""
    return [new_user(env, *user) for user in users]


def new_account(env, name, tier=None, user=None, **values):
    """A company, of ``tier`` and managed by ``user`` when they are given."""
    if tier:
        values["qsr_tier_id"] = tier.id
    if user:
        values["user_id"] = user.id
    return env["res.partner"].create({"name": name, "is_company": True, **values})


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


def new_published_plan(env, account, year, **values):
    """The account plan of ``account`` for the calendar year ``year``,
    published to its contacts."""
    plan = env["qsr.account.plan"].create(
        {
            "partner_id": account.id,
            "date_start": date(year, 1, 1),
            "date_end": date(year, 12, 31),
            **values,
        }
    )
    plan.action_publish()
    return plan


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

        (
            cls.user_am_a,
            cls.user_am_b,
            cls.user_director,
            cls.user_internal,
            cls.user_sponsor,
        ) = new_users(
            cls.env,
            ("t_qsr_am_a", "Anna Manager", "qsr_review.group_qsr_user"),
            ("t_qsr_am_b", "Bert Manager", "qsr_review.group_qsr_user"),
            ("t_qsr_director", "Dora Director", "qsr_review.group_qsr_manager"),
            ("t_qsr_internal", "Ivan Internal", "base.group_user"),
            ("t_qsr_vp", "Victor Sponsor", "qsr_review.group_qsr_user"),
        )

        cls.account_a = new_account(
            cls.env,
            "Alpha Industries",
            cls.tier_key,
            cls.user_am_a,
            qsr_annual_revenue=2_000_000,
        )
        cls.account_b = new_account(
            cls.env,
            "Beta Logistics",
            cls.tier_strategic,
            cls.user_am_b,
            qsr_annual_revenue=8_000_000,
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
