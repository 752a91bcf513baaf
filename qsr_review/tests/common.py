import logging
import threading
from contextlib import contextmanager
from datetime import date

import polib

from odoo.fields import Command
from odoo.tools import file_path

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


def load_languages(env, langs, addons):
    """Activate ``langs`` (codes such as de_DE) and load the terms of
    ``addons`` in them from their .po files, as a database that loaded the
    languages has them (over any older wording of the terms)."""
    for lang in langs:
        env["res.lang"]._activate_lang(lang)
    modules = env["ir.module.module"].search([("name", "in", addons)])
    modules._update_translations(list(langs), overwrite=True)


def po_translations(addon, lang):
    """{msgid: msgstr} of the translated terms of ``addon``'s ``i18n/<lang>.po``
    (``lang`` such as de): what a test expects a page to show, read from the
    translators' file rather than written out again."""
    po = polib.pofile(file_path(f"{addon}/i18n/{lang}.po"))
    return {
        entry.msgid: entry.msgstr
        for entry in po
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


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


class _CursorModes(logging.Handler):
    def __init__(self):
        super().__init__()
        self.modes = []

    def emit(self, record):
        # werkzeug logs a request in the thread that served it, after Odoo
        # set that thread's cursor mode: "ro", "ro->rw" (a read-only route
        # that wrote, retried on the primary) or "rw"
        request_line = record.args[0] if record.args else ""
        mode = getattr(threading.current_thread(), "cursor_mode", None)
        self.modes.append((request_line, mode))


@contextmanager
def cursor_modes():
    """``[(request line, cursor mode)]`` of the HTTP requests served inside the
    block, as Odoo ran them: "ro" is served by the database replica when one
    is configured, "rw" by the primary, "ro->rw" a read-only route that tried
    to write (Odoo retried it on the primary)."""
    handler = _CursorModes()
    logger = logging.getLogger("werkzeug")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield handler.modes
    finally:
        logger.setLevel(level)
        logger.removeHandler(handler)


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
