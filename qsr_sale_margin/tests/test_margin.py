from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.qsr_sale_margin import post_init_hook

from .common import QsrSaleMarginCommon


@tagged("post_install", "-at_install")
class TestSaleMargin(QsrSaleMarginCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls._account("T Margin Alpha")
        cls.contact = cls.env["res.partner"].create(
            {"name": "T Alpha Buyer", "parent_id": cls.account.id}
        )
        day = cls.day
        # in: margin 10 x (100 - 70) + 2 x (50 - 55) = 290 on 1,100
        cls._order(
            cls.account, [(10, 100, 70), (2, 50, 55)], day - relativedelta(months=1)
        )
        # in, ordered by a contact: margin 100 on 400
        cls._order(cls.contact, [(1, 400, 300)], day - relativedelta(months=11))
        # in, the first instant of the 12 months: margin 10 on 100
        cls._order(cls.account, [(1, 100, 90)], datetime(2025, 7, 1, 0, 0, 0))
        # in, the last instant of the computation day: margin 0 on 0
        cls._order(cls.account, [(1, 0, 0)], datetime(2026, 6, 30, 23, 59, 59))
        # out: the instant before the 12 months, the day after, a quotation,
        # a cancelled order
        cls._order(cls.account, [(1, 1000, 0)], datetime(2025, 6, 30, 23, 59, 59))
        cls._order(cls.account, [(1, 1000, 0)], datetime(2026, 7, 1, 0, 0, 0))
        cls._order(cls.account, [(5, 100, 0)], day, state="draft")
        cls._order(cls.account, [(3, 100, 10)], day, state="cancel")

    def test_margin_hand_computed(self):
        written = self.env["res.partner"]._qsr_compute_margins(date=self.day)
        self.assertIn(self.account, written)
        # margin 290 + 100 + 10 = 400 on sales 1,100 + 400 + 100 = 1,600: 25 %
        self.assertEqual(self.account.qsr_margin, 400.0)
        self.assertEqual(self.account.qsr_margin_sales, 1600.0)
        self.assertEqual(self.account.qsr_margin_percent, 25.0)
        self.assertEqual(self.account.qsr_margin_date, self.day)
        self.assertEqual(self.account.qsr_currency_id, self.cur_a)
        # exactly the threshold: profitable
        self.assertEqual(self.account.qsr_profitability, "profitable")
        self.assertEqual(
            self.account.qsr_profitability_origin,
            "From sale margins: 25.00 % in the 12 months to 06/30/2026",
        )
        # the contact's order counts for its company, not for the contact
        self.assertFalse(self.contact.qsr_margin_date)
        self.assertFalse(self.contact.qsr_profitability)

    def test_idempotent(self):
        Partner = self.env["res.partner"]
        Partner._qsr_compute_margins(date=self.day)
        self.assertFalse(Partner._qsr_compute_margins(date=self.day))
        self.assertFalse(
            Partner._qsr_compute_margins(date=self.day, account_ids=self.account.ids)
        )
        # the next day, the 12 months move on: the order of 2025-07-01 leaves
        # them, the one of 2026-07-01 comes in (margin 1,000 on 1,000)
        self.assertEqual(
            Partner._qsr_compute_margins(
                date=self.day + timedelta(days=1), account_ids=self.account.ids
            ),
            self.account,
        )
        self.assertEqual(self.account.qsr_margin, 1390.0)
        self.assertEqual(self.account.qsr_margin_sales, 2500.0)

    def test_thresholds(self):
        # margins on sales of 10,000: 24.99 %, 10 %, 9.99 %, a loss
        accounts = {}
        for margin in (2499, 1000, 999, -500):
            accounts[margin] = self._account(f"T Margin {margin}")
            self._order(accounts[margin], [(1, 10000, 10000 - margin)], self.day)
        self.env["res.partner"]._qsr_compute_margins(date=self.day)
        self.assertEqual(
            [accounts[m].qsr_margin_percent for m in (2499, 1000, 999, -500)],
            [24.99, 10.0, 9.99, -5.0],
        )
        self.assertEqual(
            [accounts[m].qsr_profitability for m in (2499, 1000, 999, -500)],
            ["could_be", "could_be", "unlikely", "unlikely"],
        )
        # moving the thresholds in the settings moves the classes at once
        self.env["res.config.settings"].create(
            {"qsr_profitable_margin": 20.0, "qsr_could_be_margin": 5.0}
        ).execute()
        self.assertEqual(
            self.env["res.config.settings"]._qsr_margin_thresholds(), (20.0, 5.0)
        )
        self.assertEqual(
            [accounts[m].qsr_profitability for m in (2499, 1000, 999, -500)],
            ["profitable", "could_be", "could_be", "unlikely"],
        )
        # the job of the same day agrees with the settings
        self.env["res.partner"]._qsr_compute_margins(date=self.day)
        self.assertEqual(accounts[999].qsr_profitability, "could_be")

    def test_thresholds_in_order(self):
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"qsr_profitable_margin": 10.0, "qsr_could_be_margin": 15.0}
            )

    def test_no_sales_no_class(self):
        Partner = self.env["res.partner"]
        idle = self._account("T Margin Idle", qsr_profitability="profitable")
        Partner._qsr_compute_margins(date=self.day)
        self.assertFalse(idle.qsr_profitability)
        self.assertEqual(idle.qsr_margin, 0.0)
        self.assertEqual(idle.qsr_margin_date, self.day)
        self.assertEqual(
            idle.qsr_profitability_origin,
            "From sale margins: no confirmed sale in the 12 months to 06/30/2026",
        )
        # a year and a day later the sales left the 12 months: figures and
        # class go
        later = self.day + relativedelta(years=1, days=1)
        Partner._qsr_compute_margins(date=later)
        self.assertEqual(self.account.qsr_margin, 0.0)
        self.assertEqual(self.account.qsr_margin_sales, 0.0)
        self.assertEqual(self.account.qsr_margin_percent, 0.0)
        self.assertFalse(self.account.qsr_profitability)
        self.assertEqual(self.account.qsr_margin_date, later)

    def test_typed_by_hand(self):
        Partner = self.env["res.partner"]
        with self.assertRaises(ValidationError):
            self.account.write({"qsr_profitability_source": "manual"})
        with self.assertRaises(ValidationError):
            self.account.write(
                {
                    "qsr_profitability_source": "manual",
                    "qsr_profitability_override_reason": "  ",
                }
            )
        self.account.write(
            {
                "qsr_profitability_source": "manual",
                "qsr_profitability_override_reason": "New contract from July",
                "qsr_profitability": "unlikely",
            }
        )
        Partner._qsr_compute_margins(date=self.day)
        # the class stays as typed; the figures are the sales' all the same
        self.assertEqual(self.account.qsr_profitability, "unlikely")
        self.assertEqual(self.account.qsr_margin_percent, 25.0)
        self.assertEqual(
            self.account.qsr_profitability_origin,
            "Typed by hand: New contract from July",
        )
        self.assertEqual(
            Partner.search(
                [
                    ("qsr_profitability_source", "=", "manual"),
                    ("id", "in", (self.account | self.contact).ids),
                ]
            ),
            self.account,
        )

    def test_back_to_margins(self):
        """Giving the class back to the margins recomputes it at once (on
        the 12 months to today) and forgets the reason."""
        recent = self._account(
            "T Margin Recent",
            qsr_profitability="unlikely",
            qsr_profitability_source="manual",
            qsr_profitability_override_reason="Price war",
        )
        self._order(recent, [(1, 1000, 700)], datetime.now() - timedelta(days=3))
        self.env["res.partner"]._qsr_compute_margins(account_ids=recent.ids)
        self.assertEqual(recent.qsr_profitability, "unlikely")
        self.assertEqual(recent.qsr_margin_percent, 30.0)
        recent.qsr_profitability_source = "margins"
        self.assertEqual(recent.qsr_profitability, "profitable")
        self.assertFalse(recent.qsr_profitability_override_reason)

    def test_button_as_account_manager(self):
        manager = mail_new_test_user(
            self.env,
            login="t_qsr_margin_am",
            name="Mia Margin",
            groups="qsr_review.group_qsr_user",
            company_id=self.company_a.id,
            company_ids=[(6, 0, (self.company_a | self.company_b).ids)],
        )
        recent = self._account("T Margin Recent")
        self._order(recent, [(4, 250, 200)], datetime.now() - timedelta(days=3))
        self.contact.with_user(manager).action_qsr_update_margins()
        # the contact's button updates its company, on the 12 months to today
        self.assertEqual(
            self.account.qsr_margin_date,
            fields.Date.context_today(self.account.with_user(manager)),
        )
        self.assertFalse(recent.qsr_margin_date)
        recent.with_user(manager).action_qsr_update_margins()
        self.assertEqual(recent.qsr_margin, 200.0)
        self.assertEqual(recent.qsr_margin_sales, 1000.0)
        self.assertEqual(recent.qsr_profitability, "could_be")

    def test_cron(self):
        recent = self._account("T Margin Cron")
        self._order(recent, [(2, 500, 300)], datetime.now() - timedelta(days=3))
        self.env.ref("qsr_sale_margin.ir_cron_qsr_sale_margin").method_direct_trigger()
        self.assertEqual(recent.qsr_margin, 400.0)
        self.assertEqual(recent.qsr_margin_percent, 40.0)
        self.assertEqual(recent.qsr_profitability, "profitable")

    def test_install_keeps_every_class(self):
        """Installing changes no class: one the margins would change, empty
        or typed, is kept as typed by hand; one they agree with, or an
        account without sales and without class, follows the margins."""
        recently = datetime.now() - timedelta(days=3)
        # each sold at a margin of 40 %: profitable
        agrees, differs, empty = (
            self._account(name, qsr_profitability=typed)
            for name, typed in (
                ("T Margin Agrees", "profitable"),
                ("T Margin Differs", "unlikely"),
                ("T Margin Empty", False),
            )
        )
        for account in (agrees, differs, empty):
            self._order(account, [(2, 500, 300)], recently)
        idle = self._account("T Margin Idle", qsr_profitability="could_be")
        unknown = self._account("T Margin Unknown")
        post_init_hook(self.env)
        for account, profitability in (
            (differs, "unlikely"),
            (empty, False),
            (idle, "could_be"),
        ):
            self.assertEqual(account.qsr_profitability, profitability)
            self.assertEqual(account.qsr_profitability_source, "manual")
            self.assertEqual(
                account.qsr_profitability_override_reason,
                "Kept as it was before sale margins were computed",
            )
        for account in (agrees, unknown):
            self.assertEqual(account.qsr_profitability_source, "margins")
        self.assertEqual(agrees.qsr_profitability, "profitable")
        self.assertFalse(unknown.qsr_profitability)
        # every account sold to has its margins, the kept ones included
        for account in (agrees, differs, empty):
            self.assertEqual(account.qsr_margin_percent, 40.0)
        # back to the margins in one step
        empty.qsr_profitability_source = "margins"
        self.assertEqual(empty.qsr_profitability, "profitable")
        self.assertFalse(empty.qsr_profitability_override_reason)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_portal_reads_no_margin(self):
        portal = mail_new_test_user(
            self.env,
            login="t_qsr_margin_portal",
            name="Pat Portal",
            email="pat.portal@example.com",
            groups="base.group_portal",
        )
        portal.partner_id.parent_id = self.account
        self.env["res.partner"]._qsr_compute_margins(date=self.day)
        account = self.account.with_user(portal)
        self.assertEqual(account.name, "T Margin Alpha")
        for fname in (
            "qsr_margin",
            "qsr_margin_sales",
            "qsr_margin_percent",
            "qsr_profitability_source",
            "qsr_profitability_override_reason",
        ):
            with self.assertRaises(AccessError):
                account.read([fname])

    def test_copy_starts_afresh(self):
        self.account.write(
            {
                "qsr_profitability_source": "manual",
                "qsr_profitability_override_reason": "Price war",
                "qsr_profitability": "unlikely",
            }
        )
        self.env["res.partner"]._qsr_compute_margins(date=self.day)
        copy = self.account.copy()
        self.assertEqual(copy.qsr_profitability_source, "margins")
        self.assertFalse(copy.qsr_profitability_override_reason)
        self.assertFalse(copy.qsr_margin_date)
        self.assertEqual(copy.qsr_margin, 0.0)
        self.assertEqual(copy.qsr_margin_percent, 0.0)
