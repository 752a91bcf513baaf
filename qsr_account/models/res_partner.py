from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

REVENUE_SOURCES = [("invoices", "Invoices"), ("manual", "Typed by Hand")]
# the figures the revenue job writes on the partner
INVOICED_FIELDS = (
    "qsr_invoiced_revenue",
    "qsr_invoiced_revenue_previous",
    "qsr_revenue_trend",
    "qsr_annual_revenue",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    qsr_revenue_source = fields.Selection(
        REVENUE_SOURCES,
        string="Revenue Source",
        default="invoices",
        tracking=True,
        help="Invoices: the annual revenue is the account's posted customer "
        "invoices less credit notes over the last 12 months, updated every day. "
        "Typed by Hand: the annual revenue is the figure typed, with a reason.",
    )
    qsr_revenue_override_reason = fields.Char(
        string="Why Revenue Typed by Hand",
        tracking=True,
        help="Why the annual revenue is typed by hand instead of taken from the "
        "invoices.",
    )
    qsr_invoiced_revenue = fields.Monetary(
        string="Invoiced Revenue",
        currency_field="qsr_currency_id",
        readonly=True,
        help="Posted customer invoices less credit notes, untaxed, over the last "
        "12 months, in all companies, converted into the revenue currency.",
    )
    qsr_invoiced_revenue_previous = fields.Monetary(
        string="Invoiced Revenue, 12 Months Before",
        currency_field="qsr_currency_id",
        readonly=True,
    )
    qsr_revenue_trend = fields.Float(
        string="Revenue Trend (%)",
        readonly=True,
        help="The invoiced revenue of the last 12 months against the 12 months "
        "before, in percent of those; empty when there was none then.",
    )
    qsr_revenue_ids = fields.One2many(
        "qsr.account.revenue", "partner_id", string="Revenue by Company"
    )

    # constraints

    @api.constrains("qsr_revenue_source", "qsr_revenue_override_reason")
    def _check_qsr_revenue_override_reason(self):
        for partner in self:
            if (
                partner.qsr_revenue_source == "manual"
                and not (partner.qsr_revenue_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why the annual revenue of %(account)s is typed by hand.",
                        account=partner.display_name,
                    )
                )

    # CRUD

    def write(self, vals):
        """Back to invoices: the annual revenue is the invoiced one again."""
        if vals.get("qsr_revenue_source") == "invoices":
            vals = {"qsr_revenue_override_reason": False, **vals}
            res = super().write(vals)
            if "qsr_annual_revenue" not in vals:
                for partner in self:
                    if partner.qsr_annual_revenue != partner.qsr_invoiced_revenue:
                        partner.qsr_annual_revenue = partner.qsr_invoiced_revenue
            return res
        return super().write(vals)

    # actions

    def action_qsr_update_revenue(self):
        """Recompute the revenue of these accounts from their invoices now."""
        self.check_access("read")
        accounts = self.commercial_partner_id
        self.env["qsr.account.revenue"].sudo()._compute_all(partner_ids=accounts.ids)
        return True

    # business

    @api.model
    def _qsr_store_invoiced_revenue(self, date, partner_ids=None, write_annual=True):
        """Write the invoiced revenue, the one before and the trend of the
        accounts (of ``partner_ids`` when given) from the rows of
        qsr.account.revenue, and their annual revenue when it comes from the
        invoices (and ``write_annual``). Accounts that never had an invoice
        are left alone; one that had and has none left gets zeros. One UPDATE,
        of the partners whose figures change; no chatter message (the figure
        follows the invoices every day). Return the number of partners
        written."""
        totals = self.env["qsr.account.revenue"]._totals(date, partner_ids)
        self.flush_model(
            [*INVOICED_FIELDS, "qsr_revenue_source", "company_id", "write_date"]
        )
        scope = (
            SQL("id = ANY(%s)", list(partner_ids))
            if partner_ids is not None
            else SQL("TRUE")
        )
        self.env.cr.execute(
            SQL(
                """SELECT id FROM res_partner
                    WHERE (qsr_invoiced_revenue != 0
                           OR qsr_invoiced_revenue_previous != 0
                           OR qsr_revenue_trend IS NOT NULL) AND %s""",
                scope,
            )
        )
        for (partner_id,) in self.env.cr.fetchall():
            totals.setdefault(partner_id, (0.0, 0.0))
        if not totals:
            return 0
        values = SQL(", ").join(
            SQL(
                "(%s, %s::numeric, %s::numeric, %s::float8)",
                partner_id,
                revenue,
                previous,
                round((revenue - previous) * 100 / abs(previous), 2)
                if previous
                else None,
            )
            for partner_id, (revenue, previous) in totals.items()
        )
        annual = SQL(
            "p.qsr_revenue_source IS DISTINCT FROM 'manual' AND %s"
            " AND COALESCE(p.qsr_annual_revenue, 0) != v.revenue",
            bool(write_annual),
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p
                   SET qsr_invoiced_revenue = v.revenue,
                       qsr_invoiced_revenue_previous = v.previous,
                       qsr_revenue_trend = v.trend,
                       qsr_annual_revenue = CASE WHEN %(annual)s THEN v.revenue
                                                 ELSE p.qsr_annual_revenue END,
                       write_uid = %(uid)s, write_date = %(now)s
                  FROM (VALUES %(values)s) AS v(id, revenue, previous, trend)
                 WHERE p.id = v.id
                   AND ((p.qsr_invoiced_revenue, p.qsr_invoiced_revenue_previous,
                         p.qsr_revenue_trend)
                        IS DISTINCT FROM (v.revenue, v.previous, v.trend)
                        OR (%(annual)s))
                RETURNING p.id
                """,
                annual=annual,
                values=values,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
        written = self.browse(row[0] for row in self.env.cr.fetchall())
        fnames = [*INVOICED_FIELDS, "write_uid", "write_date"]
        written.invalidate_recordset(fnames)
        written.modified(fnames)
        return len(written)
