from datetime import date, datetime

from odoo.fields import Command

from odoo.addons.base.tests.common import BaseCommon


class QsrSaleMarginCommon(BaseCommon):
    """Two companies in currencies of our own (no rate of the database can
    interfere), pricelists in their currencies and in a third one, a
    service product without taxes, and a fixed computation day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Currency = cls.env["res.currency"]
        cls.cur_a, cls.cur_b, cls.cur_c = Currency.create(
            [
                {"name": "QXA", "symbol": "A$", "rounding": 0.01},
                {"name": "QXB", "symbol": "B$", "rounding": 0.01},
                {"name": "QXC", "symbol": "C$", "rounding": 0.01},
            ]
        )
        # rates shared by every company: 1 QXA = 2 QXB = 4 QXC
        cls.env["res.currency.rate"].create(
            [
                {
                    "currency_id": currency.id,
                    "name": "2020-01-01",
                    "rate": rate,
                    "company_id": False,
                }
                for currency, rate in ((cls.cur_b, 2.0), (cls.cur_c, 4.0))
            ]
        )
        cls.company_a, cls.company_b = cls.env["res.company"].create(
            [
                {"name": "T Margin Company A", "currency_id": cls.cur_a.id},
                {"name": "T Margin Company B", "currency_id": cls.cur_b.id},
            ]
        )
        # the shared accounts' revenue currency is the current company's
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company_a.id, cls.company_b.id],
            )
        )
        Pricelist = cls.env["product.pricelist"]
        cls.pricelist_a = Pricelist.create(
            {
                "name": "T QXA",
                "currency_id": cls.cur_a.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.pricelist_a_in_c = Pricelist.create(
            {
                "name": "T QXC",
                "currency_id": cls.cur_c.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.pricelist_b = Pricelist.create(
            {
                "name": "T QXB",
                "currency_id": cls.cur_b.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "T Margin Service",
                "type": "service",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
            }
        )
        # the 12 months to this day: from 2025-07-01 00:00 to 2026-07-01 00:00
        cls.day = date(2026, 6, 30)
        ICP = cls.env["ir.config_parameter"].sudo()
        ICP.set_param("qsr_sale_margin.profitable_margin", "25.0")
        ICP.set_param("qsr_sale_margin.could_be_margin", "10.0")

    @classmethod
    def _account(cls, name, **values):
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, **values}
        )

    @classmethod
    def _order(cls, partner, lines, when, state="sale", pricelist=None):
        """An order of ``partner`` dated ``when``, of ``lines`` as
        (quantity, unit price, unit cost), in ``state``; in company A's
        currency unless another ``pricelist`` is given."""
        pricelist = pricelist or cls.pricelist_a
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": pricelist.company_id.id,
                "pricelist_id": pricelist.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "purchase_price": cost,
                            "tax_id": [Command.clear()],
                        }
                    )
                    for qty, price, cost in lines
                ],
            }
        )
        if state in ("sale", "cancel"):
            order.action_confirm()
        if state == "cancel":
            order._action_cancel()
        # confirming dates the order now
        order.date_order = (
            when
            if isinstance(when, datetime)
            else datetime.combine(when, datetime.min.time())
        )
        return order
