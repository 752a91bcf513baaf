from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import QsrSaleMarginCommon


@tagged("post_install", "-at_install")
class TestSaleMarginMultiCompany(QsrSaleMarginCommon):
    """Rates: 1 QXA = 2 QXB = 4 QXC. Company A books in QXA, company B in
    QXB."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        when = cls.day - relativedelta(months=2)
        # a shared account, sold to by both companies
        cls.account = cls._account("T Margin Shared")
        # company A, in QXA: margin 300 on 1,000
        cls.order_a = cls._order(cls.account, [(10, 100, 70)], when)
        # company A, in QXC: margin 200 on 800 QXC = 50 on 200 QXA
        cls.order_a_in_c = cls._order(
            cls.account, [(1, 800, 600)], when, pricelist=cls.pricelist_a_in_c
        )
        # company B, in QXB: margin 100 on 1,000 QXB = 50 on 500 QXA
        cls.order_b = cls._order(
            cls.account, [(2, 500, 450)], when, pricelist=cls.pricelist_b
        )
        # an account of company B only: its revenue currency is QXB
        cls.account_b = cls._account("T Margin B Only", company_id=cls.company_b.id)
        cls._order(cls.account_b, [(4, 250, 225)], when, pricelist=cls.pricelist_b)

    def test_orders_rates(self):
        self.assertEqual(self.order_a.currency_rate, 1.0)
        self.assertEqual(self.order_a_in_c.currency_rate, 4.0)
        self.assertEqual(self.order_b.currency_rate, 1.0)

    def test_companies_summed_in_account_currency(self):
        self.env["res.partner"]._qsr_compute_margins(date=self.day)
        self.assertEqual(self.account.qsr_currency_id, self.cur_a)
        # 300 + 50 + 50 = 400 on 1,000 + 200 + 500 = 1,700: 23.53 %
        self.assertEqual(self.account.qsr_margin, 400.0)
        self.assertEqual(self.account.qsr_margin_sales, 1700.0)
        self.assertEqual(self.account.qsr_margin_percent, 23.53)
        self.assertEqual(self.account.qsr_profitability, "could_be")

    def test_company_account_in_its_currency(self):
        self.env["res.partner"]._qsr_compute_margins(date=self.day)
        self.assertEqual(self.account_b.qsr_currency_id, self.cur_b)
        # 4 x (250 - 225) = 100 on 1,000, in QXB
        self.assertEqual(self.account_b.qsr_margin, 100.0)
        self.assertEqual(self.account_b.qsr_margin_sales, 1000.0)
        self.assertEqual(self.account_b.qsr_margin_percent, 10.0)
        self.assertEqual(self.account_b.qsr_profitability, "could_be")

    def test_rows_per_company(self):
        """The query gives each company's figures in its own currency."""
        rows = self.env["res.partner"]._qsr_margin_rows(
            self.day, account_ids=self.account.ids
        )
        self.assertEqual(
            sorted(rows),
            sorted(
                [
                    (self.account.id, self.company_a.id, 350.0, 1200.0),
                    (self.account.id, self.company_b.id, 100.0, 1000.0),
                ]
            ),
        )

    def test_class_same_from_any_company(self):
        """Computed with company B current, the shared account's figures are
        in QXB, its margin percent and class the same."""
        Partner = self.env["res.partner"].with_company(self.company_b)
        Partner._qsr_compute_margins(date=self.day)
        account = self.account.with_company(self.company_b)
        self.assertEqual(account.qsr_currency_id, self.cur_b)
        self.assertEqual(account.qsr_margin, 800.0)
        self.assertEqual(account.qsr_margin_sales, 3400.0)
        self.assertEqual(account.qsr_margin_percent, 23.53)
        self.assertEqual(account.qsr_profitability, "could_be")
