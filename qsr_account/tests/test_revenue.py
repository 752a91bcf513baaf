from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged, users

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.mail.tests.common import mail_new_test_user

from ..hooks import post_init_hook

# the computation day of every test: the last 12 months run from 2025-07-01 to
# this day, the 12 months before from 2024-07-01 to 2025-06-30
DAY = date(2026, 6, 30)


@tagged("post_install", "-at_install")
class TestRevenue(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context={**cls.env.context, "tracking_disable": True})
        cls.env.user.groups_id += cls.env.ref("qsr_review.group_qsr_manager")
        cls.Revenue = cls.env["qsr.account.revenue"]
        cls.company = cls.env.company
        cls.account = cls.env["res.partner"].create(
            {"name": "Alpha Industries", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Alice Buyer", "parent_id": cls.account.id}
        )
        cls.user_am = mail_new_test_user(
            cls.env, login="t_qsr_rev_am", groups="qsr_review.group_qsr_user"
        )
        cls.account_b = cls.env["res.partner"].create(
            {"name": "Beta Logistics", "is_company": True}
        )
        # current 12 months: 1,000 + 2,500 - 300 + 200 (to the contact) = 3,400
        cls._move(cls.account, date(2026, 1, 15), 1000)
        cls._move(cls.account, date(2025, 7, 1), 2500)
        cls._move(cls.account, date(2026, 3, 1), 300, "out_refund")
        cls._move(cls.contact, date(2026, 2, 1), 200)
        # 12 months before: 2,000 + 1,000 = 3,000
        cls._move(cls.account, date(2025, 6, 30), 2000)
        cls._move(cls.account, date(2024, 7, 1), 1000)
        # never counted: outside both windows, after the day, draft, cancelled,
        # a vendor bill and its refund
        cls._move(cls.account, date(2024, 6, 30), 4444)
        cls._move(cls.account, date(2026, 7, 1), 5555)
        cls._move(cls.account, date(2026, 1, 10), 999, post=False)
        cls._move(cls.account, date(2026, 1, 11), 777).button_cancel()
        cls._move(cls.account, date(2026, 1, 12), 5000, "in_invoice")
        cls._move(cls.account, date(2026, 1, 13), 50, "in_refund")

    @classmethod
    def _move(
        cls, partner, day, amount, move_type="out_invoice", company=None, post=True
    ):
        move = (
            cls.env["account.move"]
            .with_company(company or cls.env.company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": day,
                    "date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Services",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        if post:
            move.action_post()
        return move

    def _rows(self, partner):
        return self.Revenue.search([("partner_id", "=", partner.id)])

    def test_invoices_less_credit_notes(self):
        self.Revenue._compute_all(DAY)
        row = self._rows(self.account)
        self.assertRecordValues(
            row,
            [
                {
                    "company_id": self.company.id,
                    "revenue": 3400.0,
                    "revenue_previous": 3000.0,
                    "trend": 13.33,
                    "date_computed": DAY,
                }
            ],
        )
        self.assertFalse(
            self._rows(self.contact), "the contact's invoice is the account's"
        )
        self.assertRecordValues(
            self.account,
            [
                {
                    "qsr_revenue_source": "invoices",
                    "qsr_invoiced_revenue": 3400.0,
                    "qsr_invoiced_revenue_previous": 3000.0,
                    "qsr_revenue_trend": 13.33,
                    "qsr_annual_revenue": 3400.0,
                }
            ],
        )
        self.assertFalse(self.contact.qsr_invoiced_revenue)

    def test_second_run_writes_nothing(self):
        self.assertEqual(self.Revenue._compute_all(DAY, self.account.ids), (1, 1))
        before = (self.account.write_date, self._rows(self.account).write_date)
        self.Revenue._compute_all(DAY)
        self.assertEqual(self.Revenue._compute_all(DAY), (0, 0))
        self.assertEqual(
            (self.account.write_date, self._rows(self.account).write_date), before
        )

    def test_window_moves_with_the_day(self):
        # a day later, the invoice of 2025-07-01 leaves the last 12 months and
        # the one of 2024-07-01 leaves the 12 months before
        self.Revenue._compute_all(DAY)
        self.Revenue._compute_all(date(2026, 7, 1))
        self.assertEqual(self.account.qsr_invoiced_revenue, 3400 - 2500 + 5555)
        self.assertEqual(self.account.qsr_invoiced_revenue_previous, 2500 + 2000)

    def test_two_companies_two_currencies(self):
        eur = self.setup_other_currency("EUR", rates=[("2000-01-01", 2.0)])
        company_2 = self.setup_other_company(name="QSR Europe", currency_id=eur.id)[
            "company"
        ]
        self._move(self.account, date(2026, 5, 1), 1000, company=company_2)
        self._move(self.account, date(2025, 5, 1), 600, company=company_2)
        self.Revenue._compute_all(DAY)
        self.assertRecordValues(
            self._rows(self.account).sorted(lambda r: r.company_id != self.company),
            [
                {
                    "company_id": self.company.id,
                    "revenue": 3400.0,
                    "revenue_previous": 3000.0,
                    "trend": 13.33,
                },
                {
                    "company_id": company_2.id,
                    "revenue": 1000.0,
                    "revenue_previous": 600.0,
                    "trend": 66.67,
                },
            ],
        )
        # 1 USD is 2 EUR: 3,400 + 1,000 / 2 against 3,000 + 600 / 2
        self.assertEqual(self.account.qsr_currency_id, self.company.currency_id)
        self.assertRecordValues(
            self.account,
            [
                {
                    "qsr_invoiced_revenue": 3900.0,
                    "qsr_invoiced_revenue_previous": 3300.0,
                    "qsr_revenue_trend": 18.18,
                    "qsr_annual_revenue": 3900.0,
                }
            ],
        )
        # an account of the European company counts in euros, at its rates:
        # 1 EUR is 0.5 USD there too
        self.env["res.currency.rate"].create(
            {
                "currency_id": self.company.currency_id.id,
                "name": "2000-01-01",
                "rate": 0.5,
                "company_id": company_2.id,
            }
        )
        self.account.company_id = company_2
        self.Revenue._compute_all(DAY)
        self.account.invalidate_recordset(["qsr_currency_id"])
        self.assertEqual(self.account.qsr_currency_id, eur)
        self.assertEqual(self.account.qsr_invoiced_revenue, 3400 * 2 + 1000)

    def test_manual_revenue_kept_with_reason(self):
        with self.assertRaises(ValidationError):
            self.account.qsr_revenue_source = "manual"
        self.account.write(
            {
                "qsr_revenue_source": "manual",
                "qsr_revenue_override_reason": "Group-wide contract",
                "qsr_annual_revenue": 9_000_000,
            }
        )
        self.Revenue._compute_all(DAY)
        self.assertRecordValues(
            self.account,
            [
                {
                    "qsr_annual_revenue": 9_000_000,
                    "qsr_invoiced_revenue": 3400.0,
                    "qsr_revenue_override_reason": "Group-wide contract",
                }
            ],
        )
        self.account.qsr_revenue_source = "invoices"
        self.assertRecordValues(
            self.account,
            [{"qsr_annual_revenue": 3400.0, "qsr_revenue_override_reason": False}],
        )

    def test_form_types_revenue_by_hand(self):
        self.Revenue._compute_all(DAY)
        with Form(self.account, view="base.view_partner_form") as form:
            self.assertTrue(form._get_modifier("qsr_annual_revenue", "readonly"))
            form.qsr_revenue_source = "manual"
            self.assertTrue(
                form._get_modifier("qsr_revenue_override_reason", "required")
            )
            form.qsr_revenue_override_reason = "Group-wide contract"
            form.qsr_annual_revenue = 1_000_000
        self.assertRecordValues(
            self.account,
            [{"qsr_annual_revenue": 1_000_000, "qsr_invoiced_revenue": 3400.0}],
        )
        with Form(self.account, view="base.view_partner_form") as form:
            form.qsr_revenue_source = "invoices"
        self.assertEqual(self.account.qsr_annual_revenue, 3400.0)

    def test_trend_empty_without_previous_year(self):
        self._move(self.account_b, date(2026, 4, 1), 800)
        self.Revenue._compute_all(DAY)
        self.assertRecordValues(
            self._rows(self.account_b),
            [{"revenue": 800.0, "revenue_previous": 0.0, "trend": 0.0}],
        )
        self.env.cr.execute(
            "SELECT trend FROM qsr_account_revenue WHERE partner_id = %s",
            [self.account_b.id],
        )
        self.assertIsNone(self.env.cr.fetchone()[0])
        self.env.cr.execute(
            "SELECT qsr_revenue_trend FROM res_partner WHERE id = %s",
            [self.account_b.id],
        )
        self.assertIsNone(self.env.cr.fetchone()[0])

    def test_account_without_invoices_left_alone_then_zeroed(self):
        self.account_b.qsr_annual_revenue = 50_000
        self.Revenue._compute_all(DAY)
        self.assertEqual(self.account_b.qsr_annual_revenue, 50_000, "never invoiced")
        invoice = self._move(self.account_b, date(2026, 4, 1), 800)
        self.Revenue._compute_all(DAY)
        self.assertEqual(self.account_b.qsr_annual_revenue, 800)
        invoice.button_draft()
        invoice.button_cancel()
        self.Revenue._compute_all(DAY)
        self.assertFalse(self._rows(self.account_b))
        self.assertRecordValues(
            self.account_b,
            [{"qsr_annual_revenue": 0.0, "qsr_invoiced_revenue": 0.0}],
        )

    def test_review_keeps_its_revenue(self):
        self.account.qsr_annual_revenue = 2_000_000
        review = self.env["qsr.review"].create({"partner_id": self.account.id})
        self.assertEqual(review.account_revenue, 2_000_000)
        self.Revenue._compute_all(DAY)
        self.assertEqual(self.account.qsr_annual_revenue, 3400)
        self.assertEqual(review.account_revenue, 2_000_000)

    def test_suggested_tier_follows_invoiced_revenue(self):
        big = self.env["res.partner"].create({"name": "Gamma", "is_company": True})
        typed = self.env["res.partner"].create(
            {"name": "Typed", "is_company": True, "qsr_annual_revenue": 6_000_000}
        )
        self._move(big, date(2026, 2, 1), 6_000_000)
        self.Revenue._compute_all(DAY)
        self.assertEqual(big.qsr_annual_revenue, 6_000_000)
        self.assertTrue(big.qsr_suggested_tier_id)
        self.assertEqual(big.qsr_suggested_tier_id, typed.qsr_suggested_tier_id)

    def test_install_keeps_typed_revenue(self):
        self.Revenue._compute_all(DAY)
        self.account_b.qsr_annual_revenue = 75_000
        self.account.qsr_annual_revenue = 12_345
        gamma = self.env["res.partner"].create({"name": "Gamma", "is_company": True})
        post_init_hook(self.env)
        self.assertRecordValues(
            self.account_b | self.account | gamma,
            [
                {"qsr_revenue_source": "manual", "qsr_annual_revenue": 75_000},
                {"qsr_revenue_source": "manual", "qsr_annual_revenue": 12_345},
                {"qsr_revenue_source": "invoices", "qsr_annual_revenue": 0.0},
            ],
        )
        self.assertTrue(self.account_b.qsr_revenue_override_reason)

    @freeze_time("2026-06-30")
    @users("t_qsr_rev_am")
    def test_update_revenue_button(self):
        account = self.account.with_user(self.env.user)
        account.action_qsr_update_revenue()
        self.assertEqual(account.qsr_invoiced_revenue, 3400)
        self.assertEqual(
            self.Revenue.with_user(self.env.user).search([]).partner_id, self.account
        )
