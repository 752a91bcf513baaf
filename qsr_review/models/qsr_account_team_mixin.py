from odoo import api, fields, models
from odoo.exceptions import AccessError


class QsrAccountTeamMixin(models.AbstractModel):
    """A record the account team plans for a key account (``partner_id``):
    its account manager and sponsor are the account's unless set otherwise,
    and a QSR user plans only for the accounts they manage, sponsor or are on
    the team of, so that naming oneself account manager of a record does not
    open another account; QSR managers plan for any."""

    _name = "qsr.account.team.mixin"
    _description = "Planned by a Key Account's Team"

    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
    )
    sponsor_id = fields.Many2one(
        "res.users",
        string="Executive Sponsor",
        compute="_compute_sponsor_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        domain=[("share", "=", False)],
    )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for record in self:
            record.user_id = (
                record.partner_id.qsr_account_manager_id
                or record.partner_id.user_id
                or record.user_id
            )

    @api.depends("partner_id")
    def _compute_sponsor_id(self):
        for record in self:
            record.sponsor_id = record.partner_id.qsr_sponsor_id or record.sponsor_id

    def _check_account_team(self):
        """AccessError unless the user may plan for the records' accounts."""
        if self.env.su or self.env.user.has_group("qsr_review.group_qsr_manager"):
            return
        user = self.env.user
        foreign_sudo = self.partner_id.sudo().filtered(
            lambda account: (
                user
                not in account.qsr_account_manager_id
                | account.qsr_sponsor_id
                | account.qsr_team_member_ids.user_id
            )
        )
        if foreign_sudo:
            raise AccessError(
                self.env._(
                    "You can only plan for the accounts you manage, sponsor or are "
                    "on the team of: %s is not one of them.",
                    foreign_sudo[0].display_name,
                )
            )
