from odoo import api, fields, models

from .qsr_account_health import BANDS

# packages the customer hears about
PORTAL_PACKAGE_STATES = ("proposed", "planned")
# rows of the customer's priorities on the plan
PORTAL_PRIORITY_ROWS = 5


class QsrAccountPlan(models.Model):
    _inherit = "qsr.account.plan"

    # health score of the account (internal: never on the portal or the PDF)
    health_id = fields.Many2one(
        "qsr.account.health",
        string="Account Health",
        compute="_compute_health_id",
        groups="qsr_review.group_qsr_user",
        help="The account's health score of the latest wave that started by the "
        "end of the plan's period.",
    )
    # computed with health_id, not related: health_id is not searchable
    health_score = fields.Float(
        compute="_compute_health_id",
        groups="qsr_review.group_qsr_user",
    )
    health_band = fields.Selection(
        BANDS,
        compute="_compute_health_id",
        groups="qsr_review.group_qsr_user",
    )
    health_explanation = fields.Html(
        compute="_compute_health_id",
        sanitize=False,
        groups="qsr_review.group_qsr_user",
    )

    @api.depends("partner_id", "date_end")
    def _compute_health_id(self):
        for plan in self:
            plan.health_id = self.env["qsr.account.health"].search(
                [
                    ("partner_id", "=", plan.partner_id.id),
                    ("wave_date_start", "<=", plan.date_end or fields.Date.today()),
                ],
                order="wave_date_start desc, date_computed desc, id desc",
                limit=1,
            )
            plan.health_score = plan.health_id.score
            plan.health_band = plan.health_id.band
            plan.health_explanation = plan.health_id.explanation

    def action_view_health(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "qsr.account.health",
            "res_id": self.health_id.id,
            "views": [(False, "form")],
        }

    # portal

    def _get_portal_values(self):
        """The plan's page and PDF with the account's results: its latest
        published results next to the norm, its trend, what changed since the
        last wave, the rows it gave the highest priority, and the rows of the
        packages proposed to it from its reviews of the period, level by level
        (no money: neither the packages' costs nor willingness to pay)."""
        values = super()._get_portal_values()
        account = self.partner_id
        results = account._qsr_portal_results()
        # the improvements are the plan's own, not every shared gap
        results.pop("gaps", None)
        rows = results["rows"]
        values.update(
            results=results,
            priorities=sorted(
                (row for row in rows if row.get("priority_index")),
                key=lambda row: -row["priority_index"],
            )[:PORTAL_PRIORITY_ROWS],
            packages=self._portal_packages(),
        )
        return values

    def _portal_packages(self):
        """The packages proposed or planned for the account in the reviews of
        the plan's period whose results are published: each with the rows it
        changes, from today's typical level to the package's."""
        self.ensure_one()
        reviews = self.review_ids.filtered(
            lambda review: review.results_published and not review.confidential
        )
        packages = self.env["qsr.package"].search(
            [
                ("scope", "=", "account"),
                ("review_id", "in", reviews.ids),
                ("state", "in", PORTAL_PACKAGE_STATES),
            ],
            order="id",
        )
        states = dict(packages._fields["state"]._description_selection(self.env))
        return [
            {
                "id": package.id,
                "name": package.name,
                "state": package.state,
                "state_label": states[package.state],
                "rows": [
                    {
                        "attribute": line.attribute_id.name,
                        "today": line.typical_level_id.name or "",
                        "proposed": line.level_id.name,
                    }
                    for line in package.line_ids.filtered("is_changed")
                ],
            }
            for package in packages
        ]
