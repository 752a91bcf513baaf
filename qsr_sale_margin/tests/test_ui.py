from datetime import datetime, timedelta

from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestSaleMarginTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mail_new_test_user(
            cls.env,
            login="t_qsr_margin_tour",
            name="Tia Tour",
            groups="qsr_review.group_qsr_user,base.group_partner_manager",
        )
        cls.account = cls.env["res.partner"].create(
            {"name": "T Margin Tour Account", "is_company": True}
        )
        product = cls.env["product.product"].create(
            {"name": "T Tour Service", "type": "service", "taxes_id": []}
        )
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.account.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 2,
                            "price_unit": 500,
                            "purchase_price": 350,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = datetime.now() - timedelta(days=3)

    def test_update_then_type_by_hand(self):
        self.start_tour(
            f"/odoo/res.partner/{self.account.id}",
            "qsr_sale_margin_tour",
            login="t_qsr_margin_tour",
        )
        self.assertEqual(self.account.qsr_margin_percent, 30.0)
        self.assertEqual(self.account.qsr_profitability_source, "manual")
        self.assertEqual(
            self.account.qsr_profitability_override_reason,
            "Price war with a competitor",
        )
        self.assertEqual(self.account.qsr_profitability, "unlikely")
