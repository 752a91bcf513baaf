from markupsafe import Markup

from odoo import api, fields, models

from .qsr_account_team_member import TEAM_FUNCTIONS


class QsrReviewEngagement(models.Model):
    _name = "qsr.review.engagement"
    _description = "Resource Engaged After a Review"
    _order = "review_id, id"

    review_id = fields.Many2one(
        "qsr.review", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", string="Team Member", required=True)
    department = fields.Selection(TEAM_FUNCTIONS, required=True, default="service")
    action = fields.Char(string="What They Will Do", required=True)
    date_briefed = fields.Date(string="Briefed On", default=fields.Date.context_today)
    activity_id = fields.Many2one(
        "mail.activity",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The to-do scheduled for the team member on the review when they "
        "were engaged; empty once done.",
    )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        engagements = super().create(vals_list)
        engagements._schedule_engagement_activity()
        return engagements

    def write(self, vals):
        result = super().write(vals)
        if "user_id" in vals:
            # the to-do follows the row to its new team member, still once
            for engagement in self.filtered("activity_id"):
                if engagement.activity_id.user_id != engagement.user_id:
                    engagement.activity_id.user_id = engagement.user_id
        return result

    def unlink(self):
        # exists(): the uninstall hook has already emptied the reviews' table
        activities = self.exists().activity_id
        result = super().unlink()
        activities.exists().unlink()
        return result

    # business

    def _schedule_engagement_activity(self):
        """One to-do for each engaged team member, on the review, so that the
        account's feedback is one click away: what they will do, for whom."""
        if self.env.context.get("mail_activity_automation_skip"):
            return
        for engagement in self:
            review = engagement.review_id
            engagement.activity_id = review.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=engagement.date_briefed
                or fields.Date.context_today(self),
                user_id=engagement.user_id.id,
                summary=self.env._("Act on the feedback of %s", review.partner_id.name),
                note=Markup("<p>%s</p>")
                % self.env._(
                    "Engaged after review %(review)s: %(action)s",
                    review=review.name,
                    action=engagement.action,
                ),
            )
