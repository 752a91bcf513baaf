from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class QsrAccountPlan(models.Model):
    _name = "qsr.account.plan"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Account Plan"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
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
    date_start = fields.Date(
        string="Start",
        required=True,
        tracking=True,
        default=lambda self: date(fields.Date.context_today(self).year, 1, 1),
    )
    date_end = fields.Date(
        string="End",
        required=True,
        tracking=True,
        default=lambda self: date(fields.Date.context_today(self).year, 12, 31),
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    color = fields.Integer()
    review_ids = fields.Many2many(
        "qsr.review",
        string="Reviews",
        compute="_compute_review_ids",
        help="The account's reviews planned within the plan's period.",
    )
    review_count = fields.Integer(compute="_compute_review_ids")
    objective_ids = fields.One2many(
        "qsr.account.plan.objective", "plan_id", string="Objectives", copy=True
    )
    objective_count = fields.Integer(compute="_compute_objective_stats")
    objective_overdue_count = fields.Integer(
        string="Overdue Objectives", compute="_compute_objective_stats"
    )
    has_overdue_objective = fields.Boolean(
        compute="_compute_objective_stats", search="_search_has_overdue_objective"
    )
    gap_ids = fields.Many2many(
        "qsr.gap",
        string="Improvements",
        compute="_compute_gap_ids",
        help="The gaps found by the reviews of the plan's period.",
    )
    said_did_gap_ids = fields.Many2many(
        "qsr.gap",
        string="You Said, We Did",
        compute="_compute_said_did_gap_ids",
        help="Every gap of the account's reviews planned before the plan's "
        "period (all earlier waves), done ones first, latest done first.",
    )
    next_meeting_date = fields.Datetime(
        string="Next Meeting",
        compute="_compute_next_meeting_date",
        help="The next customer meeting of the account's reviews.",
    )
    published = fields.Boolean(
        string="Published to Customer", readonly=True, tracking=True, copy=False
    )
    date_published = fields.Datetime(string="Published On", readonly=True, copy=False)
    can_publish = fields.Boolean(compute="_compute_can_publish")
    note = fields.Html(string="Internal Notes")
    summary = fields.Html(
        string="Summary for the Customer",
        help="Shown to the customer on the portal page and in the PDF.",
    )

    # compute

    @api.depends("partner_id", "date_start", "date_end")
    def _compute_name(self):
        for plan in self:
            if not plan.partner_id or not plan.date_start or not plan.date_end:
                plan.name = plan.name or False
                continue
            start, end = plan.date_start, plan.date_end
            if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and (
                start.year == end.year
            ):
                period = str(start.year)
            else:
                period = f"{start.isoformat()} - {end.isoformat()}"
            plan.name = f"{plan.partner_id.name} {period}"

    @api.depends("partner_id")
    def _compute_user_id(self):
        for plan in self:
            plan.user_id = (
                plan.partner_id.qsr_account_manager_id
                or plan.partner_id.user_id
                or plan.user_id
            )

    @api.depends("partner_id")
    def _compute_sponsor_id(self):
        for plan in self:
            plan.sponsor_id = plan.partner_id.qsr_sponsor_id or plan.sponsor_id

    @api.depends("partner_id", "date_start", "date_end")
    def _compute_review_ids(self):
        for plan in self:
            if not (plan.partner_id and plan.date_start and plan.date_end):
                plan.review_ids = False
                plan.review_count = 0
                continue
            plan.review_ids = self.env["qsr.review"].search(
                [
                    *plan._review_domain(),
                    ("date_planned", ">=", plan.date_start),
                    ("date_planned", "<=", plan.date_end),
                ]
            )
            plan.review_count = len(plan.review_ids)

    @api.depends("objective_ids.state", "objective_ids.date_deadline")
    def _compute_objective_stats(self):
        today = fields.Date.context_today(self)
        for plan in self:
            overdue = plan.objective_ids.filtered(lambda o: o._is_overdue_on(today))
            plan.objective_count = len(plan.objective_ids)
            plan.objective_overdue_count = len(overdue)
            plan.has_overdue_objective = bool(overdue)

    def _search_has_overdue_objective(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue objectives."))
        domain = [
            (
                "objective_ids",
                "any",
                [
                    ("state", "in", ("todo", "in_progress")),
                    ("date_deadline", "<", fields.Date.context_today(self)),
                ],
            )
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("review_ids")
    def _compute_gap_ids(self):
        for plan in self:
            plan.gap_ids = plan.review_ids.gap_ids

    @api.depends("partner_id", "date_start")
    def _compute_said_did_gap_ids(self):
        for plan in self:
            if not (plan.partner_id and plan.date_start):
                plan.said_did_gap_ids = False
                continue
            gaps = self.env["qsr.gap"].search(
                [
                    ("review_id", "any", plan._review_domain()),
                    ("review_id.date_planned", "<", plan.date_start),
                ]
            )
            plan.said_did_gap_ids = gaps._sorted_said_did()

    @api.depends("partner_id")
    def _compute_next_meeting_date(self):
        now = fields.Datetime.now()
        for plan in self:
            if not plan.partner_id:
                plan.next_meeting_date = False
                continue
            next_review = self.env["qsr.review"].search(
                [*plan._review_domain(), ("meeting_date", ">=", now)],
                order="meeting_date, id",
                limit=1,
            )
            plan.next_meeting_date = next_review.meeting_date

    @api.depends("published", "user_id")
    @api.depends_context("uid")
    def _compute_can_publish(self):
        for plan in self:
            plan.can_publish = not plan.published and plan._may_publish()

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for plan in self:
            plan.access_url = f"/my/qsr/plans/{plan.id}"
        return result

    # constraints

    @api.constrains("partner_id", "date_start", "date_end")
    def _check_period(self):
        for plan in self:
            if plan.date_start > plan.date_end:
                raise ValidationError(
                    self.env._(
                        "Account plan %s ends before it starts.", plan.display_name
                    )
                )
        # every plan of the account, whoever may read it: periods never overlap
        plans_sudo = self.sudo()
        for plan_sudo in plans_sudo:
            overlapping_sudo = plans_sudo.search(
                [
                    ("id", "!=", plan_sudo.id),
                    ("partner_id", "=", plan_sudo.partner_id.id),
                    ("date_start", "<=", plan_sudo.date_end),
                    ("date_end", ">=", plan_sudo.date_start),
                ],
                limit=1,
            )
            if overlapping_sudo:
                raise ValidationError(
                    self.env._(
                        "The period of account plan %(plan)s overlaps the one of "
                        "%(other)s: an account has one plan per period.",
                        plan=plan_sudo.name,
                        other=overlapping_sudo.name,
                    )
                )

    # actions

    def action_activate(self):
        self.write({"state": "active"})
        return True

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True

    def action_publish(self):
        """Show the plan to the customer on the portal and tell the contacts
        who took part in its reviews, each in their language, with a link."""
        for plan in self:
            if not plan._may_publish():
                raise AccessError(
                    self.env._(
                        "Only the account manager of %(account)s or a QSR manager "
                        "can publish account plan %(plan)s.",
                        account=plan.partner_id.display_name,
                        plan=plan.name,
                    )
                )
        to_publish = self.filtered(lambda p: not p.published)
        to_publish.write({"published": True, "date_published": fields.Datetime.now()})
        to_publish._notify_published()
        return True

    def action_unpublish(self):
        """Hide the plan from the customer again."""
        if not (self.env.su or self.env.user.has_group("qsr_review.group_qsr_manager")):
            raise AccessError(
                self.env._("Only QSR managers can unpublish an account plan.")
            )
        self.filtered("published").write({"published": False, "date_published": False})
        return True

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_review_action"
        )
        action["domain"] = [("id", "in", self.review_ids.ids)]
        action["context"] = {"default_partner_id": self.partner_id.id}
        return action

    def action_preview(self):
        """The plan as the customer sees it on the portal."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": self.get_portal_url(),
        }

    # business

    def _review_domain(self):
        """The account's reviews a plan is built on: not cancelled, and not
        confidential (a plan is shared with the customer)."""
        self.ensure_one()
        return [
            ("partner_id", "=", self.partner_id.id),
            ("stage", "!=", "cancel"),
            ("confidential", "=", False),
        ]

    def _may_publish(self):
        self.ensure_one()
        user = self.env.user
        return (
            self.env.su
            or user.has_group("qsr_review.group_qsr_manager")
            or user in (self.user_id | self.partner_id.qsr_account_manager_id)
        )

    def _get_publish_recipients(self):
        """The account's contacts who took part in the plan's reviews and
        have an email address."""
        self.ensure_one()
        return self.review_ids.participant_ids.partner_id.filtered(
            lambda c: c.email and c.commercial_partner_id == self.partner_id
        )

    def _notify_published(self):
        """Mail each contact of the plan's reviews a link to the plan, in
        their language, and say in the chatter who was told."""
        template = self.env.ref("qsr_review.mail_template_qsr_account_plan_published")
        for plan in self:
            recipients = plan._get_publish_recipients()
            for contact in recipients:
                template.with_context(
                    qsr_recipient_id=contact.id,
                    qsr_recipient_name=contact.name,
                    qsr_recipient_lang=contact.lang,
                ).send_mail(plan.id, email_layout_xmlid="mail.mail_notification_light")
            plan.message_post(
                body=self.env._(
                    "Account plan published to the customer; notified: %s",
                    ", ".join(recipients.mapped("name"))
                    or self.env._("nobody (no contact of its reviews has an email)"),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _get_publish_url(self):
        """The link the published mail gives: the plan's portal page."""
        self.ensure_one()
        return self.get_base_url() + self.access_url

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Account Plan - %s", self.name)
