import uuid
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty


class QsrAccountPlan(models.Model):
    _name = "qsr.account.plan"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "qsr.account.team.mixin",
    ]
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
        group_expand=True,
    )
    color = fields.Integer()
    # from creation: the portal page (a read-only route) never has to write one
    access_token = fields.Char(default=lambda self: str(uuid.uuid4()))
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

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._check_account_team()
        return plans

    def write(self, vals):
        result = super().write(vals)
        if "partner_id" in vals:
            self._check_account_team()
        return result

    def copy_data(self, default=None):
        """A copy plans the next period of the same length, with the same
        objectives (periods of one account never overlap)."""
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        for plan, vals in zip(self, vals_list, strict=True):
            if "date_start" in default or "date_end" in default:
                continue
            start, end = plan._next_period()
            vals.update(date_start=start, date_end=end)
            if "name" not in default:
                vals.pop("name", None)  # named after the new period
        return vals_list

    def _next_period(self):
        """``(date_start, date_end)`` of the period of the same length just
        after the plan's: as many whole months when it runs over whole
        months, else as many days."""
        self.ensure_one()
        start, end = self.date_start, self.date_end
        next_start = end + timedelta(days=1)
        if start.day == 1 and next_start.day == 1:
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            return next_start, next_start + relativedelta(months=months, days=-1)
        return next_start, next_start + (end - start)

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

    # portal

    # measures in money: the customer sees their progress, not their figures
    _portal_money_measures = ("won_revenue", "pipeline")

    def _portal_shown_to(self, user):
        """Whether ``user``, who may open the plan (by access rights or token),
        sees it on the portal: a customer only once it is published, and a
        customer contact only the plan of their own account; the account team
        previews it before."""
        self.ensure_one()
        if not user.share:
            return True  # the account team previews it
        if not self.published:
            return False
        return user._is_public() or self.partner_id == user.commercial_partner_id

    def _portal_gaps(self, gaps):
        """``gaps`` the customer may see: shared with them, of a review whose
        results are published and which is not confidential."""
        return gaps.filtered(
            lambda gap: (
                gap.customer_visible
                and gap.review_id.results_published
                and not gap.review_id.confidential
            )
        )

    @api.model
    def _portal_figure(self, value, measure):
        """A measure's figure as the customer reads it."""
        if measure == "gaps_on_time":
            return f"{value:.0f} %"
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"

    def _get_portal_values(self):
        """What the customer's page and PDF of the plan show, as plain values:
        the header, the objectives of both sides with their measures, the
        improvements of the plan's period and "You said, we did" (the gaps of
        every earlier wave). Nothing internal: no money (the figures of the
        measures in money are left out, their progress is shown), no notes,
        only the gaps shared with the customer of published reviews. The
        addons add their sections with super().

        Call it on one plan, as superuser once the user's access is checked."""
        self.ensure_one()
        env = self.env
        objective_states = dict(
            self.objective_ids._fields["state"]._description_selection(env)
        )
        measures = dict(
            self.objective_ids._fields["measure"]._description_selection(env)
        )
        sides = dict(self.objective_ids._fields["side"]._description_selection(env))
        gap_states = dict(env["qsr.gap"]._fields["state"]._description_selection(env))
        objectives = []
        for objective in self.objective_ids:
            figures = objective.measure not in self._portal_money_measures
            objectives.append(
                {
                    "id": objective.id,
                    "name": objective.name,
                    "description": objective.description or "",
                    "side": objective.side,
                    "side_label": sides[objective.side],
                    "owner": (
                        objective.owner_partner_id.name
                        if objective.side == "theirs"
                        else objective.owner_user_id.name
                    )
                    or "",
                    "date_deadline": objective.date_deadline,
                    "overdue": objective.is_overdue,
                    "state": objective.state,
                    "state_label": objective_states[objective.state],
                    "measure": objective.measure,
                    "measure_label": env._("Progress")
                    if objective.measure == "manual"
                    else measures[objective.measure],
                    "show_figures": figures,
                    "target": self._portal_figure(objective.target, objective.measure)
                    if figures and objective.target
                    else "",
                    "actual": self._portal_figure(objective.actual, objective.measure)
                    if figures
                    else "",
                    "trend": objective.trend or "",
                    "progress": objective.progress if objective.target else None,
                }
            )

        def gap_values(gap):
            return {
                "id": gap.id,
                "name": gap.name,
                "owner": gap.user_id.name or "",
                "date_deadline": gap.date_deadline,
                "state": gap.state,
                "state_label": gap_states[gap.state],
                "overdue": gap.is_overdue,
                "date_done": gap.date_done,
                "resolution": gap.resolution or "",
                "when": gap.review_id.wave_id.name or gap.review_id.date_planned,
            }

        improvements = self._portal_gaps(self.gap_ids).sorted(
            lambda g: (
                g.state in ("done", "wont_fix"),
                g.date_deadline or date.max,
                g.id,
            )
        )
        said_did = self._portal_gaps(self.said_did_gap_ids)
        return {
            "plan": self,
            "account_name": self.partner_id.name,
            "name": self.name,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "account_manager": self.user_id.name or "",
            "next_meeting": self.next_meeting_date,
            "summary": False if is_html_empty(self.summary) else self.summary,
            "objectives": objectives,
            "objectives_ours": [o for o in objectives if o["side"] == "ours"],
            "objectives_theirs": [o for o in objectives if o["side"] == "theirs"],
            "improvements": [gap_values(gap) for gap in improvements],
            "said_did": [gap_values(gap) for gap in said_did],
        }
