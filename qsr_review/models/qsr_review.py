from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import str2bool

REVIEW_TYPES = [
    ("simalto", "Simalto QSR Grid"),
    ("interview", "Executive Interview"),
    ("workshop", "Shared Expectations Workshop"),
    ("council", "Customer Advisory Council"),
    ("won_lost", "Won/Lost Review"),
    ("value_survey", "Customer Value Survey"),
]
# The six steps of a review (compile .. continue), framed by planning and
# feedback collection before them and closing after them.
STAGES = [
    ("draft", "Planned"),
    ("collect", "Collecting Feedback"),
    ("compile", "Compile Results"),
    ("engage", "Engage Management"),
    ("prepare", "Prepare Meeting"),
    ("meet", "Meet Customer"),
    ("educate", "Engage Resources"),
    ("continue", "Continue"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
STAGE_ORDER = [stage for stage, _label in STAGES]
# feedback tools whose reviews are not links of an account's chain of reviews
OUTSIDE_CHAIN = ("council", "won_lost")
# the fields that decide who the meeting's calendar event invites, and when it is
MEETING_ATTENDEE_FIELDS = {
    "partner_id",
    "participant_ids",
    "user_id",
    "sponsor_id",
    "our_attendee_ids",
    "customer_attendee_ids",
}
MEETING_FIELDS = {"meeting_date", "stage", *MEETING_ATTENDEE_FIELDS}
MEETING_HOURS = 1


def _reached(stage, step):
    """Whether a review in ``stage`` has gone past the start of ``step``."""
    return stage != "cancel" and STAGE_ORDER.index(stage) >= STAGE_ORDER.index(step)


class QsrReview(models.Model):
    _name = "qsr.review"
    _inherit = ["mail.thread", "mail.activity.mixin", "qsr.account.team.mixin"]
    _description = "Quality of Service Review"
    _order = "date_planned desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        tracking=True,
        index=True,
        domain=[("is_company", "=", True)],
        check_company=True,
    )
    review_type = fields.Selection(
        REVIEW_TYPES,
        string="Feedback Tool",
        compute="_compute_review_type",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    stage = fields.Selection(
        STAGES,
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand="_group_expand_stage",
    )
    date_planned = fields.Date(
        string="Planned For",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    wave_id = fields.Many2one(
        "qsr.wave",
        compute="_compute_wave_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
    )
    # the account as it was when the review collected feedback: past waves
    # keep these when the account changes later (see _snapshot_account)
    tier_id = fields.Many2one(
        "qsr.tier",
        compute="_compute_account_snapshot",
        store=True,
        readonly=True,
        precompute=True,
        index=True,
        help="The account's tier when the review started collecting feedback "
        "(until then, its tier today): reports group past waves by it.",
    )
    industry_id = fields.Many2one(
        "res.partner.industry",
        compute="_compute_account_snapshot",
        store=True,
        readonly=True,
        precompute=True,
        help="The account's industry when the review started collecting feedback.",
    )
    country_id = fields.Many2one(
        "res.country",
        compute="_compute_account_snapshot",
        store=True,
        readonly=True,
        precompute=True,
        help="The account's country when the review started collecting feedback.",
    )
    account_revenue = fields.Monetary(
        compute="_compute_account_snapshot",
        store=True,
        readonly=True,
        precompute=True,
        currency_field="currency_id",
        groups="qsr_review.group_qsr_user",
        help="The account's annual revenue when the review started collecting "
        "feedback: what its willingness to pay is worked out from.",
    )
    tier_today_id = fields.Many2one(
        related="partner_id.qsr_tier_id", string="Tier Today"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    color = fields.Integer()
    cadence_key = fields.Char(
        copy=False,
        readonly=True,
        help="Set on reviews planned by the cadence job, so that no account is "
        "planned twice for the same due date.",
    )
    participant_ids = fields.One2many(
        "qsr.review.participant", "review_id", string="Participants", copy=True
    )
    participant_count = fields.Integer(compute="_compute_participant_count")
    coverage_warning = fields.Text(
        related="partner_id.qsr_coverage_warning",
        string="Account Coverage",
        groups="qsr_review.group_qsr_user",
    )

    # 2. engage senior management / 3. prepare the meeting
    rehearsal_date = fields.Datetime(string="Rehearsal")
    discussion_point_ids = fields.One2many(
        "qsr.review.discussion.point", "review_id", string="Discussion Points"
    )
    # 4. meet the customer
    meeting_date = fields.Datetime(string="Meeting", tracking=True)
    meeting_event_id = fields.Many2one(
        "calendar.event",
        string="Calendar Event",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The meeting in the attendees' calendars: created when the meeting "
        "date is set, moved with it, removed when it is cleared and archived "
        "when the review is cancelled.",
    )
    our_attendee_ids = fields.Many2many(
        "res.users", "qsr_review_our_attendee_rel", string="Our Attendees"
    )
    customer_attendee_ids = fields.Many2many(
        "res.partner", "qsr_review_customer_attendee_rel", string="Customer Attendees"
    )
    answer_account_manager = fields.Text(
        string="What can I, the account manager, do to improve your satisfaction "
        "and loyalty?"
    )
    answer_company = fields.Text(
        string="What can the company do to improve your satisfaction and loyalty?"
    )
    answer_total_satisfaction = fields.Text(
        string="What is everything necessary for you to become totally satisfied?"
    )
    summary = fields.Html(string="Meeting Summary")
    # 5. educate the organisation and engage resources
    engagement_ids = fields.One2many(
        "qsr.review.engagement", "review_id", string="Resources Engaged"
    )
    # 6. continue the process
    previous_review_id = fields.Many2one(
        "qsr.review",
        compute="_compute_previous_review_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        copy=False,
    )
    previous_gap_ids = fields.One2many(
        related="previous_review_id.gap_ids", string="Gaps of the Previous Review"
    )
    earlier_gap_ids = fields.Many2many(
        "qsr.gap",
        string="You Said, We Did",
        compute="_compute_earlier_gap_ids",
        help="Every gap of the account's earlier reviews, all waves, done ones "
        "first: what the meeting starts with.",
    )
    account_plan_id = fields.Many2one(
        "qsr.account.plan",
        compute="_compute_account_plan_id",
        help="The account's plan whose period holds the review's planned date.",
    )
    next_review_ids = fields.One2many(
        "qsr.review", "previous_review_id", string="Following Reviews"
    )
    next_review_id = fields.Many2one("qsr.review", compute="_compute_next_review_id")

    gap_ids = fields.One2many("qsr.gap", "review_id", string="Gaps")
    gap_count = fields.Integer(compute="_compute_gap_count")
    opportunity_count = fields.Integer(compute="_compute_gap_count")
    confidential = fields.Boolean(
        compute="_compute_confidential",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Only the circulation list and QSR managers can see a confidential "
        "review.",
    )
    circulation_user_ids = fields.Many2many(
        "res.users", "qsr_review_circulation_rel", string="Circulation List"
    )
    # the customer sees the review's results on the portal once published
    results_published = fields.Boolean(
        tracking=True,
        copy=False,
        help="The customer's contacts see the results of this review on the "
        "portal. The account manager publishes them at or after the meeting "
        "where they are presented.",
    )
    date_results_published = fields.Datetime(
        string="Results Published On", readonly=True, copy=False
    )
    can_publish_results = fields.Boolean(compute="_compute_can_publish_results")
    note = fields.Html(string="Internal Notes")
    # customer advisory council: executives of several key accounts together
    council_account_ids = fields.Many2many(
        "res.partner",
        "qsr_review_council_account_rel",
        string="Other Accounts Represented",
        domain=[("is_company", "=", True)],
        help="The other key accounts whose executives take part in the council; "
        "the account of the review hosts it.",
    )
    agenda = fields.Html()
    theme_ids = fields.One2many(
        "qsr.council.theme", "review_id", string="Shared Themes"
    )

    _sql_constraints = [
        ("cadence_key_uniq", "UNIQUE(cadence_key)", "This review is already planned."),
    ]

    # compute

    @api.depends("partner_id")
    def _compute_review_type(self):
        for review in self:
            review.review_type = (
                review.partner_id.qsr_tier_id.default_review_type
                or review.review_type
                or "simalto"
            )

    @api.depends("date_planned")
    def _compute_wave_id(self):
        waves = {}  # date -> wave: one search per date, not per review
        for review in self:
            if review.date_planned and not (
                review.wave_id
                and review.wave_id.date_start
                <= review.date_planned
                <= review.wave_id.date_end
            ):
                if review.date_planned not in waves:
                    waves[review.date_planned] = self.env["qsr.wave"]._for_date(
                        review.date_planned
                    )
                review.wave_id = waves[review.date_planned]

    @api.depends("partner_id")
    def _compute_account_snapshot(self):
        for review in self:
            account = review.partner_id.commercial_partner_id
            review.tier_id = account.qsr_tier_id
            review.industry_id = account.industry_id
            review.country_id = account.country_id
            review.account_revenue = account.qsr_annual_revenue

    @api.depends("participant_ids")
    def _compute_participant_count(self):
        for review in self:
            review.participant_count = len(review.participant_ids)

    @api.depends("partner_id", "confidential", "review_type")
    def _compute_previous_review_id(self):
        """The account's latest review before this one. Confidential reviews
        stay out of the account's chain, and so do advisory councils and
        won/lost reviews, which are not about the service the account gets."""
        in_chain = self.filtered(
            lambda r: not r.confidential and r.review_type not in OUTSIDE_CHAIN
        )
        (self - in_chain).previous_review_id = False
        to_find = in_chain.filtered(lambda r: r.partner_id and not r.previous_review_id)
        # the candidates of all accounts at once, latest first
        candidates = self.search(
            [
                ("partner_id", "in", to_find.partner_id.ids),
                ("stage", "!=", "cancel"),
                ("confidential", "=", False),
                ("review_type", "not in", OUTSIDE_CHAIN),
            ],
            order="date_planned desc, id desc",
        )
        latest = defaultdict(list)  # account -> its candidates, latest first
        for candidate in candidates:
            latest[candidate.partner_id].append(candidate)
        for review in to_find:
            review.previous_review_id = next(
                (c for c in latest[review.partner_id] if c.id not in review.ids),
                False,
            )

    @api.depends("partner_id", "date_planned")
    def _compute_earlier_gap_ids(self):
        Gap = self.env["qsr.gap"]
        for review in self:
            if not (review.partner_id and review.date_planned):
                review.earlier_gap_ids = False
                continue
            before = [("date_planned", "<", review.date_planned)]
            if review.id:
                before = [
                    "|",
                    *before,
                    "&",
                    ("date_planned", "=", review.date_planned),
                    ("id", "<", review.id),
                ]
            review.earlier_gap_ids = Gap.search(
                [
                    (
                        "review_id",
                        "any",
                        [
                            ("partner_id", "=", review.partner_id.id),
                            ("stage", "!=", "cancel"),
                            ("confidential", "=", False),
                            *before,
                        ],
                    ),
                ]
            )._sorted_said_did()

    @api.depends("partner_id", "date_planned")
    def _compute_account_plan_id(self):
        Plan = self.env["qsr.account.plan"]
        for review in self:
            review.account_plan_id = (
                review.partner_id
                and review.date_planned
                and Plan.search(
                    [
                        ("partner_id", "=", review.partner_id.id),
                        ("date_start", "<=", review.date_planned),
                        ("date_end", ">=", review.date_planned),
                    ],
                    limit=1,
                )
            )

    @api.depends("next_review_ids")
    def _compute_next_review_id(self):
        for review in self:
            review.next_review_id = review.next_review_ids.sorted(
                lambda r: (r.date_planned, r.id)
            )[:1]

    @api.depends("gap_ids.opportunity_id")
    def _compute_gap_count(self):
        for review in self:
            review.gap_count = len(review.gap_ids)
            review.opportunity_count = len(review.gap_ids.opportunity_id)

    @api.depends("review_type")
    def _compute_confidential(self):
        for review in self:
            review.confidential = review.review_type == "council"

    @api.depends("stage", "confidential", "results_published")
    def _compute_can_publish_results(self):
        step = self._results_publish_step()
        for review in self:
            review.can_publish_results = (
                not review.results_published
                and not review.confidential
                and _reached(review.stage, step)
            )

    def _compute_display_name(self):
        for review in self:
            review.display_name = (
                f"{review.name} - {review.partner_id.name}"
                if review.partner_id
                else review.name
            )

    @api.model
    def _group_expand_stage(self, stages, domain):
        return [stage for stage in STAGE_ORDER if stage != "cancel"]

    # constraints

    @api.constrains("stage", "sponsor_id", "meeting_date", "participant_ids")
    def _check_stage_requirements(self):
        for review in self:
            if _reached(review.stage, "collect") and not review.participant_ids:
                raise ValidationError(
                    self.env._(
                        "Add the customer's participants before collecting feedback."
                    )
                )
            if (
                _reached(review.stage, "prepare")
                and review.tier_id.sponsor_required
                and not review.sponsor_id
            ):
                raise ValidationError(
                    self.env._(
                        "Accounts of tier %(tier)s need an executive sponsor before "
                        "the meeting is prepared.",
                        tier=review.tier_id.name,
                    )
                )
            if _reached(review.stage, "educate") and not review.meeting_date:
                raise ValidationError(
                    self.env._("Record the date of the customer meeting first.")
                )

    @api.constrains(
        "participant_ids", "partner_id", "review_type", "council_account_ids"
    )
    def _check_participants(self):
        """Participants are contacts of the account, or, at a council, of one
        of the accounts represented."""
        for review in self:
            for participant in review.participant_ids:
                if (
                    participant.contact_account_id
                    not in participant.allowed_account_ids
                ):
                    raise ValidationError(
                        self.env._(
                            "%(contact)s is not a contact of the account(s) of "
                            "review %(review)s.",
                            contact=participant.partner_id.display_name,
                            review=review.name,
                        )
                    )

    @api.constrains("previous_review_id", "partner_id", "confidential")
    def _check_previous_review(self):
        for review in self:
            previous = review.previous_review_id
            if not previous:
                continue
            if previous.partner_id != review.partner_id:
                raise ValidationError(
                    self.env._("A review follows a review of the same account.")
                )
            if previous.confidential and not review.confidential:
                raise ValidationError(
                    self.env._(
                        "Review %(review)s cannot follow confidential review "
                        "%(previous)s: its gaps would be shown to people outside "
                        "the circulation list.",
                        review=review.name,
                        previous=previous.name,
                    )
                )
        if self._has_cycle("previous_review_id"):
            raise ValidationError(
                self.env._("Reviews cannot follow each other in a loop.")
            )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        if unnamed:
            # next_by_code, with the sequence looked up once for the batch
            sequence = self.env["ir.sequence"].search(
                [
                    ("code", "=", "qsr.review"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
            for vals in unnamed:
                vals["name"] = sequence.next_by_id() if sequence else "/"
        reviews = super().create(vals_list)
        reviews._check_account_team()
        reviews.filtered("meeting_date")._sync_meeting_event()
        return reviews

    def write(self, vals):
        moved = (
            self.filtered(lambda r: r.stage != vals["stage"])
            if "stage" in vals
            else self.browse()
        )
        starting = moved.filtered(lambda r: r.stage == "draft")
        invited = {}  # review -> who its calendar event invited before the write
        if MEETING_ATTENDEE_FIELDS & vals.keys():
            invited = self._meeting_invited()
        result = super().write(vals)
        starting.filtered(lambda r: r.stage != "cancel")._snapshot_account()
        if "partner_id" in vals:
            self._check_account_team()
        moved._on_stage_reached()
        if MEETING_FIELDS & vals.keys():
            self._sync_meeting_event(invited)
        return result

    def unlink(self):
        # exists(): the uninstall hook has already emptied the table
        events_sudo = self.exists().meeting_event_id.sudo()
        result = super().unlink()
        events_sudo.exists().unlink()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(review.stage not in ("draft", "cancel") for review in self):
            raise UserError(
                self.env._(
                    "Only planned or cancelled reviews can be deleted; cancel it first."
                )
            )

    # actions

    def action_next_stage(self):
        for review in self:
            if review.stage in ("done", "cancel"):
                continue
            if review.stage == "continue" and not review.next_review_id:
                review.action_plan_next_review()
            review.stage = STAGE_ORDER[STAGE_ORDER.index(review.stage) + 1]
        return True

    def action_previous_stage(self):
        for review in self.filtered(lambda r: r.stage not in ("draft", "cancel")):
            review.stage = STAGE_ORDER[STAGE_ORDER.index(review.stage) - 1]
        return True

    def action_cancel(self):
        self.stage = "cancel"
        return True

    def action_reset_draft(self):
        self.stage = "draft"
        return True

    def action_publish_results(self):
        """Show the review's results to the customer on the portal, and tell
        the participants, each in their language, with a link to them."""
        step = self._results_publish_step()
        to_publish = self.filtered(lambda r: not r.results_published)
        for review in to_publish:
            if review.confidential:
                raise UserError(
                    self.env._(
                        "Review %s is confidential: its results are never shown "
                        "to the customer.",
                        review.name,
                    )
                )
            if not _reached(review.stage, step):
                raise UserError(
                    self.env._(
                        "The results of review %(review)s can be published from "
                        "the stage %(stage)s on.",
                        review=review.name,
                        stage=dict(STAGES)[step],
                    )
                )
        to_publish.write(
            {"results_published": True, "date_results_published": fields.Datetime.now()}
        )
        to_publish._notify_results_published()
        return True

    def action_unpublish_results(self):
        """Hide the review's results from the customer again."""
        if not (self.env.su or self.env.user.has_group("qsr_review.group_qsr_manager")):
            raise AccessError(
                self.env._("Only QSR managers can unpublish the results of a review.")
            )
        self.filtered("results_published").write(
            {"results_published": False, "date_results_published": False}
        )
        return True

    def action_plan_next_review(self):
        """Plan the next review of the account at its tier cadence."""
        self.ensure_one()
        if self.next_review_id:
            return self.next_review_id._get_form_action()
        months = self.tier_id.cadence_months or 12
        start = self.meeting_date.date() if self.meeting_date else self.date_planned
        next_review = self.create(
            {
                "partner_id": self.partner_id.id,
                "review_type": self.review_type,
                "date_planned": start + relativedelta(months=months),
                "previous_review_id": self.id,
            }
        )
        next_review._carry_over_previous_review()
        next_review._schedule_preparation_activity()
        return next_review._get_form_action()

    def action_view_gaps(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_gap_action"
        )
        action["domain"] = [("review_id", "=", self.id)]
        action["context"] = {"default_review_id": self.id}
        return action

    def action_view_account_plan(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "qsr.account.plan",
            "res_id": self.account_plan_id.id,
            "view_mode": "form",
            "context": {
                "default_partner_id": self.partner_id.id,
            },
        }

    def action_view_opportunities(self):
        self.ensure_one()
        return self.gap_ids.opportunity_id._get_qsr_action()

    def action_view_meeting_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.meeting_event_id.id,
            "view_mode": "form",
        }

    # business

    def _carry_over_previous_review(self):
        """Reviews planned by the system (the next review, the cadence job)
        without participants, after a review of the same feedback tool, take
        that review's participants who are still active contacts of the
        account, and its circulation list: the next wave asks the same people
        (their level and weight are read again)."""
        following = self.filtered(
            lambda r: (
                not r.participant_ids
                and r.previous_review_id.review_type == r.review_type
            )
        )
        self.env["qsr.review.participant"].create(
            [
                {"review_id": review.id, "partner_id": contact.id}
                for review in following
                for contact in review.previous_review_id.participant_ids.partner_id
                if contact.active and contact.commercial_partner_id == review.partner_id
            ]
        )
        for review in following:
            if review.previous_review_id.circulation_user_ids:
                review.circulation_user_ids = (
                    review.previous_review_id.circulation_user_ids
                )

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    def _meeting_partners(self):
        """Who the customer meeting invites: the participants, the customer
        attendees, the account manager, the executive sponsor and our other
        attendees."""
        self.ensure_one()
        users = self.user_id | self.sponsor_id | self.our_attendee_ids
        return (
            self.participant_ids.partner_id
            | self.customer_attendee_ids
            | users.partner_id
        )

    def _meeting_invited(self):
        """Who the calendar event of each review (that has one) invites now:
        what ``_sync_meeting_event`` compares with after a change."""
        return {
            review: review._meeting_partners()
            for review in self.filtered("meeting_event_id")
        }

    def _meeting_event_values(self):
        self.ensure_one()
        return {
            "name": self.env._("Service review: %s", self.partner_id.name),
            "start": self.meeting_date,
            "stop": self.meeting_date + timedelta(hours=MEETING_HOURS),
            "user_id": (self.user_id or self.env.user).id,
            "partner_ids": [Command.set(self._meeting_partners().ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "privacy": "private" if self.confidential else False,
        }

    def _sync_meeting_event(self, invited=None):
        """Keep the calendar event of the customer meeting as the review has
        it: created when the meeting date is set (Odoo mails the invitations),
        moved with the date (Odoo mails the new date), removed when the date is
        cleared, archived while the review is cancelled. ``invited``: who each
        review invited before a change of its people: those no longer invited
        leave the event; whoever the review invites and the event lacks is
        added; anyone added in the calendar stays."""
        invited = invited or {}
        Event_sudo = self.env["calendar.event"].sudo()
        for review in self:
            event_sudo = review.meeting_event_id.sudo()
            if not review.meeting_date:
                if event_sudo:
                    review.meeting_event_id = False
                    event_sudo.unlink()
                continue
            if review.stage == "cancel":
                if event_sudo.active:
                    event_sudo.active = False
                continue
            if not event_sudo:
                review.meeting_event_id = Event_sudo.create(
                    review._meeting_event_values()
                )
                continue
            vals = {}
            if not event_sudo.active:
                vals["active"] = True
            if event_sudo.start != review.meeting_date:
                vals["start"] = review.meeting_date
                vals["stop"] = review.meeting_date + (
                    event_sudo.stop - event_sudo.start
                )
            partners = review._meeting_partners()
            before = invited.get(review, partners)
            commands = [
                Command.unlink(partner.id)
                for partner in (before - partners) & event_sudo.partner_ids
            ] + [
                Command.link(partner.id)
                for partner in partners - event_sudo.partner_ids
            ]
            if commands:
                vals["partner_ids"] = commands
            if vals:
                event_sudo.write(vals)

    @api.model
    def _migrate_meeting_events(self):
        """The calendar events of the reviews that had a meeting date before
        reviews had events (for the migration): created without mailing any
        invitation; cancelled reviews get none. Returns the reviews."""
        reviews = self.search(
            [
                ("meeting_date", "!=", False),
                ("meeting_event_id", "=", False),
                ("stage", "!=", "cancel"),
            ]
        )
        reviews.with_context(no_mail_to_attendees=True)._sync_meeting_event()
        return reviews

    def _snapshot_account(self):
        """Store the account's tier, industry and country as they are now, and
        its account manager and sponsor where the review names none."""
        self._compute_account_snapshot()
        for review in self.filtered(lambda r: not r.user_id):
            review.user_id = review.partner_id.qsr_account_manager_id
        for review in self.filtered(lambda r: not r.sponsor_id):
            review.sponsor_id = review.partner_id.qsr_sponsor_id

    @api.model
    def _results_publish_step(self):
        """The stage from which results may be published: the customer
        meeting, or Compile Results when the settings allow it."""
        at_compile = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("qsr_review.publish_at_compile")
        )
        return "compile" if str2bool(at_compile or "0") else "meet"

    def _notify_results_published(self):
        """Mail each participant who has an email address a link to the
        results, and say in the chatter who was told."""
        template = self.env.ref("qsr_review.mail_template_qsr_results_published")
        for review in self:
            participants = review.participant_ids.filtered(
                lambda p, review=review: (
                    p.partner_id.email and p.contact_account_id == review.partner_id
                )
            )
            if participants:
                template.send_mail_batch(
                    participants.ids, email_layout_xmlid="mail.mail_notification_light"
                )
            review.message_post(
                body=self.env._(
                    "Results published to the customer; notified: %s",
                    ", ".join(participants.partner_id.mapped("name"))
                    or self.env._("nobody (no participant has an email address)"),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _on_stage_reached(self):
        """Ask the right person for the next step of the method. Runs whenever
        the stage changes, from a button or by dragging the kanban card, on
        all the reviews one write moved to their new stage."""
        for review in self:
            if review.stage == "engage" and review.sponsor_id:
                review.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=review.sponsor_id.id,
                    summary=self.env._(
                        "Engage as executive sponsor of %s", review.partner_id.name
                    ),
                )
            elif review.stage == "prepare" and review.user_id:
                review.activity_schedule(
                    "mail.mail_activity_data_meeting",
                    date_deadline=(
                        review.rehearsal_date or fields.Datetime.now()
                    ).date(),
                    user_id=review.user_id.id,
                    summary=self.env._("Rehearse the review meeting with the sponsor"),
                )

    def _schedule_preparation_activity(self):
        """A to-do for the account manager of each review, on its planned date:
        the activities ``activity_schedule`` would create one review at a time,
        created in one batch per account manager (``mail.activity.create``
        notifies and subscribes each assignee, but tells only one user per call
        that new to-dos are due today)."""
        if self.env.context.get("mail_activity_automation_skip"):
            return
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        todo = todo or self._default_activity_type()
        model_id = self.env["ir.model"]._get_id(self._name)
        for user, reviews in self.filtered("user_id").grouped("user_id").items():
            self.env["mail.activity"].create(
                [
                    {
                        "activity_type_id": todo.id,
                        "summary": self.env._(
                            "Prepare the review of %s", review.partner_id.name
                        ),
                        "automated": True,
                        "note": todo.default_note,
                        "date_deadline": review.date_planned,
                        "res_model_id": model_id,
                        "res_id": review.id,
                        "user_id": user.id,
                    }
                    for review in reviews
                ]
            )

    @api.model
    def _demo_publish_results(self):
        """The demo reviews past their customer meeting have their results
        published, as of the meeting; those before it (and the one at it)
        wait for the account manager to publish them."""
        reviews = self.search(
            [
                ("stage", "in", ("educate", "continue", "done")),
                ("confidential", "=", False),
                ("results_published", "=", False),
            ]
        )
        for review in reviews:
            review.write(
                {
                    "results_published": True,
                    "date_results_published": review.meeting_date
                    or fields.Datetime.now(),
                }
            )
        return reviews

    @api.model
    def _cron_plan_reviews(self):
        """Plan a review with each feedback tool of their tier that an account
        is due for within the configured number of days. An account with an
        open review of a tool is left alone for that tool, and the unique
        cadence key makes a second, concurrent run unable to plan the same
        review twice."""
        lead_days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("qsr_review.cadence_lead_days", 30)
        )
        horizon = fields.Date.context_today(self) + timedelta(days=lead_days)
        accounts = self.env["res.partner"].search(
            [("is_company", "=", True), ("qsr_tier_id", "!=", False)]
        )
        vals_list = [
            {
                "partner_id": account.id,
                "review_type": review_type,
                "date_planned": due,
                "cadence_key": f"{account.id}:{review_type}:{due}",
            }
            for (account, review_type), due in accounts._qsr_tools_due_dates().items()
            if due and due <= horizon
        ]
        reviews = self.create(vals_list)
        reviews._carry_over_previous_review()
        reviews._schedule_preparation_activity()
        return reviews
