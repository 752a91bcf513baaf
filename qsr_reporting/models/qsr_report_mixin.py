from odoo import fields, models

from odoo.addons.qsr_review.models.res_partner import PROFITABILITY_CLASSES


class QsrReportMixin(models.AbstractModel):
    """A QSR analysis backed by an SQL view (with its weighted ratios): the
    account dimensions every report slices by."""

    _name = "qsr.report.mixin"
    _inherit = ["qsr.sql.view.mixin"]
    _description = "QSR Report Weighted Ratios"

    # the account's dimensions
    account_id = fields.Many2one("res.partner", readonly=True)
    wave_id = fields.Many2one("qsr.wave", readonly=True)
    # tier, industry, country and account manager as the review stored them
    # when it collected feedback: past waves keep their groups
    tier_id = fields.Many2one("qsr.tier", readonly=True)
    tier_today_id = fields.Many2one("qsr.tier", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    account_manager_id = fields.Many2one("res.users", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    profitability_class = fields.Selection(
        PROFITABILITY_CLASSES, string="Profitability", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
