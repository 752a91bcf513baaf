from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, float_compare, float_round, format_date

PROFITABILITY_SOURCES = [
    ("margins", "Sale Margins"),
    ("manual", "Typed by Hand"),
]
# the margin share is stored, and compared with the thresholds, in percent
# rounded to this many decimals: the class always agrees with the figure shown
PERCENT_DIGITS = 2


class ResPartner(models.Model):
    _inherit = "res.partner"

    qsr_margin = fields.Monetary(
        string="Margin (12 Months)",
        currency_field="qsr_currency_id",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The margin of the account's confirmed sale orders of the last 12 "
        "months, in all companies, in the account's revenue currency.",
    )
    qsr_margin_sales = fields.Monetary(
        string="Sales (12 Months)",
        currency_field="qsr_currency_id",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The untaxed amount of the account's confirmed sale orders of the "
        "last 12 months, in all companies, in the account's revenue currency.",
    )
    qsr_margin_percent = fields.Float(
        string="Margin % (12 Months)",
        digits=(16, PERCENT_DIGITS),
        readonly=True,
        aggregator=None,
        copy=False,
        groups="base.group_user",
        help="The margin in percent of the untaxed sales of the last 12 months.",
    )
    qsr_margin_date = fields.Date(
        string="Margins Computed On",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The last day of the 12 months the margin covers.",
    )
    qsr_profitability_source = fields.Selection(
        PROFITABILITY_SOURCES,
        string="Profitability From",
        default="margins",
        tracking=True,
        copy=False,
        groups="base.group_user",
        help="Sale Margins: the profitability class follows the margin of the "
        "last 12 months and the thresholds of the settings. Typed by Hand: the "
        "class is kept as typed, for the reason given.",
    )
    qsr_profitability_override_reason = fields.Char(
        string="Why Typed by Hand",
        tracking=True,
        copy=False,
        groups="base.group_user",
    )
    qsr_profitability_origin = fields.Char(
        string="Profitability Origin",
        compute="_compute_qsr_profitability_origin",
        groups="base.group_user",
    )

    # compute

    @api.depends(
        "qsr_profitability_source",
        "qsr_profitability_override_reason",
        "qsr_margin_percent",
        "qsr_margin_sales",
        "qsr_margin_date",
    )
    def _compute_qsr_profitability_origin(self):
        for partner in self:
            if partner.qsr_profitability_source == "manual":
                partner.qsr_profitability_origin = self.env._(
                    "Typed by hand: %(reason)s",
                    reason=partner.qsr_profitability_override_reason or "",
                )
            elif not partner.qsr_margin_date:
                partner.qsr_profitability_origin = self.env._(
                    "From sale margins, not computed yet"
                )
            elif not partner.qsr_margin_sales:
                partner.qsr_profitability_origin = self.env._(
                    "From sale margins: no confirmed sale in the 12 months to %(date)s",
                    date=format_date(self.env, partner.qsr_margin_date),
                )
            else:
                # no f-string inside a translated call: Odoo's term extraction
                # (babel) stops reading the file at the first one
                percent = f"{partner.qsr_margin_percent:.{PERCENT_DIGITS}f}"
                partner.qsr_profitability_origin = self.env._(
                    "From sale margins: %(percent)s %% in the 12 months to %(date)s",
                    percent=percent,
                    date=format_date(self.env, partner.qsr_margin_date),
                )

    # constraints

    @api.constrains("qsr_profitability_source", "qsr_profitability_override_reason")
    def _check_qsr_profitability_override_reason(self):
        for partner in self:
            if (
                partner.qsr_profitability_source == "manual"
                and not (partner.qsr_profitability_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why the profitability of %(account)s is typed by "
                        "hand instead of following its sale margins.",
                        account=partner.display_name,
                    )
                )

    # CRUD

    def write(self, vals):
        back_to_margins = vals.get("qsr_profitability_source") == "margins"
        if back_to_margins:
            vals = {**vals, "qsr_profitability_override_reason": False}
        res = super().write(vals)
        if back_to_margins:
            # the class typed by hand gives way to the margins at once
            self._qsr_compute_margins(account_ids=self.commercial_partner_id.ids)
        return res

    # actions

    def action_qsr_update_margins(self):
        """Recompute the margins and profitability class of these accounts
        now, as the daily job does."""
        accounts = self.commercial_partner_id
        # the figures come from the sales, not from the user: whoever sees
        # the accounts may bring them up to date
        accounts.check_access("read")
        partners_sudo = self.env["res.partner"].sudo()
        partners_sudo._qsr_compute_margins(account_ids=accounts.ids)
        return True

    @api.model
    def _cron_qsr_compute_margins(self):
        self._qsr_compute_margins()

    # business

    @api.model
    def _qsr_margin_period(self, date):
        """The first instant in and the first instant after the 12 months
        that end with ``date`` (included), as UTC datetimes like
        ``sale.order.date_order``."""
        date_end = date + relativedelta(days=1)
        date_start = date_end - relativedelta(years=1)
        return datetime.combine(date_start, time.min), datetime.combine(
            date_end, time.min
        )

    @api.model
    def _qsr_margin_rows(self, date, account_ids=None):
        """``[(account id, company id, margin, untaxed)]``: the confirmed sale
        orders of the 12 months to ``date``, summed per commercial partner and
        company, in the company's currency (an order in another currency is
        converted at its own rate, as in Odoo's sales analysis). One query for
        all the accounts (or those of ``account_ids``), whatever the user may
        read: the figures belong to the account, not to who computes them."""
        date_from, date_to = self._qsr_margin_period(date)
        self.env["sale.order"].flush_model(
            [
                "partner_id",
                "company_id",
                "state",
                "date_order",
                "margin",
                "amount_untaxed",
                "currency_rate",
            ]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        among = (
            SQL("TRUE")
            if account_ids is None
            else SQL("p.commercial_partner_id = ANY(%s)", list(account_ids))
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, so.company_id,
                       SUM(so.margin / COALESCE(NULLIF(so.currency_rate, 0), 1.0)),
                       SUM(so.amount_untaxed
                           / COALESCE(NULLIF(so.currency_rate, 0), 1.0))
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale'
                   AND so.date_order >= %s AND so.date_order < %s
                   AND p.commercial_partner_id IS NOT NULL
                   AND %s
                 GROUP BY p.commercial_partner_id, so.company_id
                """,
                date_from,
                date_to,
                among,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _qsr_profitability_class(self, percent, sales, thresholds):
        """The class of seed 004 for a margin of ``percent`` on ``sales``:
        none without sales."""
        if float_compare(sales, 0.0, precision_digits=2) <= 0:
            return False
        profitable, could_be = thresholds
        if float_compare(percent, profitable, precision_digits=PERCENT_DIGITS) >= 0:
            return "profitable"
        if float_compare(percent, could_be, precision_digits=PERCENT_DIGITS) >= 0:
            return "could_be"
        return "unlikely"

    @api.model
    def _qsr_compute_margins(self, date=None, account_ids=None, keep_classes=False):
        """Store the margin of the 12 months to ``date`` (today) on every
        account (or those of ``account_ids``) and set the profitability class
        from the thresholds of the settings, unless it is typed by hand. With
        ``keep_classes`` (at install), an account whose class, empty or not,
        the margins would change keeps it instead, as typed by hand.

        An account's sales in several companies are converted from each
        company's currency into the account's revenue currency
        (``qsr_currency_id``) at the rate of that company on ``date``, then
        summed; the margin percent is the sum of the margins over the sum of
        the untaxed sales. An account without confirmed sales in the period
        gets no class. Only what changed is written, so a second run the same
        day writes nothing. Returns the accounts written."""
        date = date or fields.Date.context_today(self)
        Partner = self.env["res.partner"]
        rows = self._qsr_margin_rows(date, account_ids)
        thresholds = self.env["res.config.settings"]._qsr_margin_thresholds()
        kept = {
            "qsr_profitability_source": "manual",
            "qsr_profitability_override_reason": self.env._(
                "Kept as it was before sale margins were computed"
            ),
        }

        if account_ids is None:
            # also those whose sales left the period, and classes to clear
            accounts = Partner.with_context(active_test=False).search(
                [
                    "|",
                    ("qsr_margin_date", "!=", False),
                    "&",
                    ("qsr_profitability", "!=", False),
                    ("qsr_profitability_source", "!=", "manual"),
                ]
            )
        else:
            accounts = Partner.browse(account_ids)
        accounts |= Partner.browse({row[0] for row in rows})
        accounts = accounts.filtered(lambda p: p.commercial_partner_id == p)

        # read from one recordset, in batches, not account by account
        currencies = {account.id: account.qsr_currency_id for account in accounts}
        companies = self.env["res.company"].browse({row[1] for row in rows})
        rates = {}
        totals = defaultdict(lambda: [0.0, 0.0])
        for account_id, company_id, margin, untaxed in rows:
            if account_id not in currencies:
                continue
            company = companies.browse(company_id)
            target = currencies[account_id]
            key = (company, target)
            if key not in rates:
                rates[key] = self.env["res.currency"]._get_conversion_rate(
                    company.currency_id, target, company, date
                )
            totals[account_id][0] += margin * rates[key]
            totals[account_id][1] += untaxed * rates[key]

        to_write = defaultdict(lambda: Partner)
        for account in accounts:
            currency = currencies[account.id]
            margin, sales = (currency.round(v) for v in totals[account.id])
            percent = (
                float_round(margin / sales * 100, precision_digits=PERCENT_DIGITS)
                if float_compare(sales, 0.0, precision_digits=2) > 0
                else 0.0
            )
            vals = {}
            if currency.compare_amounts(margin, account.qsr_margin):
                vals["qsr_margin"] = margin
            if currency.compare_amounts(sales, account.qsr_margin_sales):
                vals["qsr_margin_sales"] = sales
            if float_compare(
                percent, account.qsr_margin_percent, precision_digits=PERCENT_DIGITS
            ):
                vals["qsr_margin_percent"] = percent
            if account.qsr_margin_date != date:
                vals["qsr_margin_date"] = date
            if account.qsr_profitability_source != "manual":
                profitability = self._qsr_profitability_class(
                    percent, sales, thresholds
                )
                if profitability != account.qsr_profitability:
                    vals.update(
                        kept if keep_classes else {"qsr_profitability": profitability}
                    )
            if vals:
                to_write[tuple(sorted(vals.items()))] |= account
        written = Partner
        for vals, partners in to_write.items():
            partners.write(dict(vals))
            written |= partners
        return written
