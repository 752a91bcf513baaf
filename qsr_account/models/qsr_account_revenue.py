from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.tools import SQL


class QsrAccountRevenue(models.Model):
    """An account's revenue in one company, from its posted customer invoices
    less its credit notes, untaxed, in the company's currency.

    One row per (commercial partner, company) that has such a document dated in
    the last 24 months; written by ``_compute_all`` only. The last 12 months run
    from the day after the same day a year before up to the computation day,
    both included; the 12 months before end on that same day a year before.
    """

    _name = "qsr.account.revenue"
    _description = "Account Revenue from Invoices"
    _order = "partner_id, company_id, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    revenue = fields.Monetary(
        string="Revenue, Last 12 Months",
        readonly=True,
        help="Posted customer invoices less credit notes, untaxed, dated in the "
        "12 months up to the computation date.",
    )
    revenue_previous = fields.Monetary(
        string="Revenue, 12 Months Before",
        readonly=True,
        help="The same over the 12 months before those.",
    )
    trend = fields.Float(
        string="Trend (%)",
        readonly=True,
        help="The change of the revenue against the 12 months before, in percent "
        "of those; empty when there was no revenue then.",
    )
    date_computed = fields.Date(string="Computed On", readonly=True)

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique(partner_id, company_id)",
            "An account has one revenue per company.",
        )
    ]

    # business

    @api.model
    def _windows(self, date):
        """(start, middle, end): the last 12 months are ``middle < d <= end``,
        the 12 months before ``start < d <= middle``."""
        return date - relativedelta(years=2), date - relativedelta(years=1), date

    @api.model
    def _compute_all(self, date=None, partner_ids=None, write_annual=True):
        """Compute the revenue of every account (of ``partner_ids`` when given)
        at ``date`` (default today) in SQL, store one row per account and
        company, then the account's totals on the partner (see
        ``res.partner._qsr_store_invoiced_revenue``). Rows and partners whose
        figures are unchanged are not written: a second run the same day writes
        nothing. Return the number of (rows, partners) written or deleted."""
        date = date or fields.Date.context_today(self)
        start, middle, end = self._windows(date)
        self.env["account.move"].flush_model(
            [
                "state",
                "move_type",
                "invoice_date",
                "amount_untaxed_signed",
                "commercial_partner_id",
                "company_id",
            ]
        )
        self.flush_model()
        scope = (
            SQL("m.commercial_partner_id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL("TRUE")
        )
        row_scope = (
            SQL("r.partner_id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL("TRUE")
        )
        self.env.cr.execute(
            SQL(
                """
                WITH figures AS (
                    SELECT m.commercial_partner_id AS partner_id, m.company_id,
                           COALESCE(SUM(m.amount_untaxed_signed)
                                    FILTER (WHERE m.invoice_date > %(middle)s), 0)
                               AS revenue,
                           COALESCE(SUM(m.amount_untaxed_signed)
                                    FILTER (WHERE m.invoice_date <= %(middle)s), 0)
                               AS revenue_previous
                      FROM account_move m
                     WHERE m.state = 'posted'
                       AND m.move_type IN ('out_invoice', 'out_refund')
                       AND m.invoice_date > %(start)s AND m.invoice_date <= %(end)s
                       AND m.commercial_partner_id IS NOT NULL AND %(scope)s
                     GROUP BY m.commercial_partner_id, m.company_id
                ),
                upserted AS (
                    INSERT INTO qsr_account_revenue AS r (
                        partner_id, company_id, revenue, revenue_previous, trend,
                        date_computed, create_uid, create_date, write_uid, write_date)
                    SELECT f.partner_id, f.company_id, f.revenue, f.revenue_previous,
                           CASE WHEN f.revenue_previous != 0
                                THEN ROUND((f.revenue - f.revenue_previous) * 100
                                           / ABS(f.revenue_previous), 2)
                           END,
                           %(end)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM figures f
                    ON CONFLICT (partner_id, company_id) DO UPDATE
                       SET revenue = EXCLUDED.revenue,
                           revenue_previous = EXCLUDED.revenue_previous,
                           trend = EXCLUDED.trend,
                           date_computed = EXCLUDED.date_computed,
                           write_uid = EXCLUDED.write_uid,
                           write_date = EXCLUDED.write_date
                     WHERE (r.revenue, r.revenue_previous, r.trend, r.date_computed)
                           IS DISTINCT FROM (EXCLUDED.revenue,
                                             EXCLUDED.revenue_previous,
                                             EXCLUDED.trend, EXCLUDED.date_computed)
                    RETURNING r.id
                ),
                deleted AS (
                    DELETE FROM qsr_account_revenue r
                     WHERE %(row_scope)s AND NOT EXISTS (
                           SELECT 1 FROM figures f
                            WHERE f.partner_id = r.partner_id
                              AND f.company_id = r.company_id)
                    RETURNING r.id
                )
                SELECT (SELECT COUNT(*) FROM upserted) + (SELECT COUNT(*) FROM deleted)
                """,
                start=start,
                middle=middle,
                end=end,
                scope=scope,
                row_scope=row_scope,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
        (rows_written,) = self.env.cr.fetchone()
        self.invalidate_model()
        partners_written = self.env["res.partner"]._qsr_store_invoiced_revenue(
            date, partner_ids, write_annual=write_annual
        )
        return rows_written, partners_written

    @api.model
    def _totals(self, date, partner_ids=None):
        """``{partner id: (revenue, previous)}`` of the stored rows, each
        company's figures converted into the account's revenue currency at
        ``date`` with the rates of the account's company (else of the current
        company), rounded to that currency."""
        self.flush_model()
        scope = (
            SQL("partner_id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL("TRUE")
        )
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, company_id, revenue, revenue_previous"
                "  FROM qsr_account_revenue WHERE %s",
                scope,
            )
        )
        rows = self.env.cr.fetchall()
        partners = self.env["res.partner"].browse({row[0] for row in rows})
        companies = self.env["res.company"].browse({row[1] for row in rows})
        partners.fetch(["company_id"])
        rates = {}
        sums = defaultdict(lambda: [0.0, 0.0])
        for partner_id, company_id, revenue, previous in rows:
            partner = partners.browse(partner_id)
            home = partner.company_id or self.env.company
            target = home.currency_id
            source = companies.browse(company_id).currency_id
            if source != target:
                key = (source, target, home)
                if key not in rates:
                    rates[key] = source._get_conversion_rate(source, target, home, date)
                revenue *= rates[key]
                previous *= rates[key]
            sums[partner_id][0] += revenue or 0.0
            sums[partner_id][1] += previous or 0.0
        return {
            partner_id: tuple(
                (
                    partners.browse(partner_id).company_id or self.env.company
                ).currency_id.round(value)
                for value in values
            )
            for partner_id, values in sums.items()
        }

    @api.model
    def _cron_compute_all(self):
        self._compute_all()

    # demo

    @api.model
    def _create_demo_invoices(self):
        """Demo data: for each demo account of qsr_review with an annual
        revenue, one posted invoice a month over the last 24 months whose last
        12 add up to that revenue exactly (so that computing it from the
        invoices changes nothing), the 12 before to that revenue less the
        account's growth; two credit notes, a few invoices to a contact of the
        account, and a draft for the first accounts (drafts never count)."""
        company = self.env.company
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(company),
                ("type", "=", "sale"),
            ],
            limit=1,
        )
        if not journal:
            return
        growth = {
            "nordhaven": 0.08,
            "meridian": 0.15,
            "atlas": -0.06,
            "castellan": 0.04,
            "vireo": 0.22,
            "solaris": -0.12,
            "brightwater": 0.02,
            "quantis": 0.35,
            "iberia": -0.2,
            "fjordline": 0.1,
            "kestrel": 0.0,
            "harbor": -0.3,
        }
        today = fields.Date.context_today(self)
        currency = company.currency_id
        Move = self.env["account.move"].with_company(company)
        vals_list, xmlids = [], []
        for key, rate in growth.items():
            account = self.env.ref(f"qsr_review.res_partner_{key}", False)
            if not account or not account.qsr_annual_revenue:
                continue
            if self.env.ref(f"qsr_account.demo_invoice_{key}_0", False):
                continue
            contact = account.child_ids.filtered(lambda c: not c.is_company)[:1]
            totals = (
                account.qsr_annual_revenue,
                account.qsr_annual_revenue / (1 + rate),
            )
            for window, total in enumerate(totals):
                monthly = currency.round(total / 12)
                amounts = [monthly] * 11 + [currency.round(total - 11 * monthly)]
                for index, amount in enumerate(amounts):
                    months = window * 12 + index
                    day = today - relativedelta(months=months)
                    refund = currency.round(amount * 0.02) if index == 4 else 0.0
                    partner = contact if contact and index in (2, 7) else account
                    vals_list.append(
                        self._demo_move_vals(
                            "out_invoice", partner, day, amount + refund, journal
                        )
                    )
                    xmlids.append(f"demo_invoice_{key}_{months}")
                    if refund:
                        vals_list.append(
                            self._demo_move_vals(
                                "out_refund", account, day, refund, journal
                            )
                        )
                        xmlids.append(f"demo_refund_{key}_{months}")
        moves = Move.create(vals_list)
        moves.action_post()
        draft_keys = [
            key
            for key in ("nordhaven", "meridian")
            if self.env.ref(f"qsr_review.res_partner_{key}", False)
            and not self.env.ref(f"qsr_account.demo_draft_{key}", False)
        ]
        drafts = Move.create(
            [
                self._demo_move_vals(
                    "out_invoice",
                    self.env.ref(f"qsr_review.res_partner_{key}"),
                    today,
                    1000.0,
                    journal,
                )
                for key in draft_keys
            ]
        )
        xmlids += [f"demo_draft_{key}" for key in draft_keys]
        self.env["ir.model.data"]._update_xmlids(
            [
                {"xml_id": f"qsr_account.{name}", "record": move, "noupdate": True}
                for name, move in zip(xmlids, moves | drafts, strict=True)
            ]
        )

    @api.model
    def _demo_move_vals(self, move_type, partner, day, amount, journal):
        return {
            "move_type": move_type,
            "partner_id": partner.id,
            "invoice_date": day,
            "date": day,
            "journal_id": journal.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": self.env._(
                            "Services, %(month)s", month=day.strftime("%B %Y")
                        ),
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
