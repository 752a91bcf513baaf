"""The account health score: one figure from 0 to 100 per account and wave.

Each component of COMPONENTS turns a figure of the account into a fraction
from 0 to 1 of its weight (the ``*_fraction`` functions below, pure so that
they read as the specification); its points are ``weight x fraction``,
rounded to 2 digits, and the score is the sum of the points. The weights are
Settings (``qsr_reporting.health_weight_<key>``, adding up to 100) and are
stored on each score with the figures: a score keeps its points when the
weights change later, only the scores computed afterwards use the new ones.

A component without data (no answers, nobody invited, no opportunity, no
earlier revenue) gets NEUTRAL of its weight, and the explanation says so.
"""

from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount

OPEN_GAP_STATES = ("open", "progress")
COMPONENTS = ("performance", "distress", "response", "overdue", "pipeline", "revenue")
DEFAULT_WEIGHTS = {
    "performance": 30,
    "distress": 20,
    "response": 15,
    "overdue": 15,
    "pipeline": 10,
    "revenue": 10,
}
WEIGHT_PARAM = "qsr_reporting.health_weight_%s"
# the fraction of its weight a component without data earns
NEUTRAL = 0.5
# score bands: at risk below 40, to watch below 70, healthy from 70
BANDS = [
    ("risk", "At Risk (0-39)"),
    ("watch", "Watch (40-69)"),
    ("healthy", "Healthy (70-100)"),
]
BAND_LIMITS = (40, 70)
# a revenue change of this much (up or down) earns all (none) of the weight
REVENUE_FULL_CHANGE = 0.2


def _clamp(value):
    return min(1.0, max(0.0, value))


def _trend(now, before, higher_is_better=True):
    """1 when ``now`` is better than ``before``, 0 when worse, NEUTRAL when
    equal or when either is unknown (None)."""
    if now is None or before is None or abs(now - before) < 1e-9:
        return NEUTRAL
    return 1.0 if (now > before) == higher_is_better else 0.0


def band_of(score):
    """The band of a score: ``risk`` below 40, ``watch`` below 70, else
    ``healthy``."""
    if score < BAND_LIMITS[0]:
        return "risk"
    return "watch" if score < BAND_LIMITS[1] else "healthy"


def performance_fraction(performance):
    """The account's weighted performance in the wave (0-100, SIMALTO.md:
    100 x the mean normalised level received today) on 0..1: 62 earns 0.62."""
    return _clamp(performance / 100)


def distress_fraction(share, previous=None):
    """Three quarters for the share of answers not in distress (1 - share),
    one quarter for its trend against the account's previous wave: fewer in
    distress 1, more 0, the same or no previous wave NEUTRAL."""
    return _clamp(
        0.75 * (1 - share) + 0.25 * _trend(share, previous, higher_is_better=False)
    )


def response_fraction(responded, invited, executive):
    """Three quarters for the response rate (participants who responded of
    those invited), one quarter when an executive responded."""
    return _clamp(0.75 * responded / invited + 0.25 * bool(executive))


def overdue_fraction(overdue, open_count):
    """The share of the account's open gaps that are not overdue; all of it
    with no open gap (nothing can be overdue)."""
    return _clamp(1 - overdue / open_count) if open_count else 1.0


def win_rate(won, lost):
    return won / (won + lost) if won + lost else None


def pipeline_fraction(open_count, won, lost, won_before, lost_before):
    """Half for having open opportunities, half for the trend of the win
    rate (won / (won + lost)) over the last 12 months against the 12 before:
    better 1, worse 0, the same or no closed opportunity in either period
    NEUTRAL."""
    trend = _trend(win_rate(won, lost), win_rate(won_before, lost_before))
    return _clamp(0.5 * bool(open_count) + 0.5 * trend)


def revenue_fraction(current, previous):
    """NEUTRAL for a flat revenue, moving linearly with its change against the
    previous wave: +20% or more earns all of the weight, -20% or less none."""
    change = current / previous - 1
    return _clamp(NEUTRAL + NEUTRAL * change / REVENUE_FULL_CHANGE)


class QsrAccountHealth(models.Model):
    """The health score of an account in a wave, with every figure it was
    worked out from and the weights used, stored: the history of the account,
    never recomputed behind the user's back for an earlier wave (the daily
    cron computes the latest wave each account answered in). See the module
    docstring and ``_compute_for`` for the components."""

    _name = "qsr.account.health"
    _description = "Account Health Score"
    _order = "date_computed desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    wave_id = fields.Many2one("qsr.wave", required=True, index=True, ondelete="cascade")
    wave_date_start = fields.Date(related="wave_id.date_start", store=True)
    tier_id = fields.Many2one(
        "qsr.tier",
        readonly=True,
        help="The account's tier in the wave when the score was computed.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_computed = fields.Datetime(string="Computed On", readonly=True)
    score = fields.Float(
        compute="_compute_score",
        store=True,
        aggregator="avg",
        help="The sum of the points of the components, 0-100.",
    )
    band = fields.Selection(BANDS, compute="_compute_score", store=True)
    tier_mean = fields.Float(
        compute="_compute_tier_mean",
        compute_sudo=True,
        help="The mean score of the accounts of the same tier in the same wave.",
    )
    tier_count = fields.Integer(
        string="Accounts of the Tier", compute="_compute_tier_mean", compute_sudo=True
    )
    explanation = fields.Html(compute="_compute_explanation", sanitize=False)

    # performance
    performance_value = fields.Float(
        string="Performance", help="0-100, weighted by influence."
    )
    performance_weight = fields.Integer()
    performance_points = fields.Float(digits=(16, 2))
    performance_neutral = fields.Boolean(string="Performance Without Data")
    # distress
    distress_value = fields.Float(
        string="Distress Share", help="Weighted share of answers."
    )
    distress_previous = fields.Float(string="Distress Share, Previous Wave")
    distress_has_previous = fields.Boolean()
    distress_weight = fields.Integer()
    distress_points = fields.Float(digits=(16, 2))
    distress_neutral = fields.Boolean(string="Distress Without Data")
    # response
    response_value = fields.Float(string="Response Rate")
    response_responded = fields.Integer(string="Responded")
    response_invited = fields.Integer(string="Invited")
    response_executive = fields.Boolean(string="Executive Responded")
    response_weight = fields.Integer()
    response_points = fields.Float(digits=(16, 2))
    response_neutral = fields.Boolean(string="Response Without Data")
    # overdue
    overdue_value = fields.Integer(string="Overdue Gaps")
    overdue_open = fields.Integer(string="Open Gaps")
    overdue_weight = fields.Integer()
    overdue_points = fields.Float(digits=(16, 2))
    overdue_neutral = fields.Boolean(string="Overdue Without Data")
    # pipeline
    pipeline_value = fields.Monetary(string="Open Pipeline")
    pipeline_open = fields.Integer(string="Open Opportunities")
    pipeline_won = fields.Integer(string="Won (12 Months)")
    pipeline_lost = fields.Integer(string="Lost (12 Months)")
    pipeline_won_before = fields.Integer(string="Won (12 Months Before)")
    pipeline_lost_before = fields.Integer(string="Lost (12 Months Before)")
    pipeline_weight = fields.Integer()
    pipeline_points = fields.Float(digits=(16, 2))
    pipeline_neutral = fields.Boolean(string="Pipeline Without Data")
    # revenue
    revenue_value = fields.Float(
        string="Revenue Change", help="Against the previous wave."
    )
    revenue_current = fields.Monetary(string="Revenue")
    revenue_previous = fields.Monetary(string="Revenue, Previous Wave")
    revenue_weight = fields.Integer()
    revenue_points = fields.Float(digits=(16, 2))
    revenue_neutral = fields.Boolean(string="Revenue Without Data")

    _sql_constraints = [
        (
            "partner_wave_uniq",
            "UNIQUE(partner_id, wave_id)",
            "An account has one health score per wave.",
        ),
    ]

    # compute

    @api.depends(*(f"{key}_points" for key in COMPONENTS))
    def _compute_score(self):
        for health in self:
            health.score = round(sum(health[f"{key}_points"] for key in COMPONENTS), 2)
            health.band = band_of(health.score)

    @api.depends("wave_id", "tier_id", "score")
    def _compute_tier_mean(self):
        rows = self._read_group(
            [("wave_id", "in", self.wave_id.ids), ("tier_id", "in", self.tier_id.ids)],
            ["wave_id", "tier_id"],
            ["score:avg", "__count"],
        )
        means = {(wave, tier): (mean, count) for wave, tier, mean, count in rows}
        for health in self:
            mean, count = means.get((health.wave_id, health.tier_id), (0.0, 0))
            health.tier_mean = mean if health.tier_id else 0.0
            health.tier_count = count if health.tier_id else 0

    @api.depends(
        "score",
        "currency_id",
        *(
            f"{key}_{suffix}"
            for key in COMPONENTS
            for suffix in ("value", "weight", "points", "neutral")
        ),
        "distress_previous",
        "distress_has_previous",
        "response_responded",
        "response_invited",
        "response_executive",
        "overdue_open",
        "pipeline_open",
        "pipeline_won",
        "pipeline_lost",
        "pipeline_won_before",
        "pipeline_lost_before",
        "revenue_current",
        "revenue_previous",
    )
    def _compute_explanation(self):
        labels = self._component_labels()
        for health in self:
            items = Markup("").join(
                Markup(
                    "<li><strong>%s</strong>: %s "
                    "<span class='text-muted'>(%s)</span></li>"
                )
                % (labels[key], health._explain(key), health._explain_points(key))
                for key in COMPONENTS
            )
            # no f-string inside a translated call: Odoo's term extraction
            # (babel) stops reading the file at the first one
            score = f"{health.score:.1f}"
            health.explanation = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._(
                    "Score %(score)s of 100, the sum of the points below.",
                    score=score,
                ),
                items,
            )

    # business

    @api.model
    def _component_labels(self):
        return {
            "performance": self.env._("Performance"),
            "distress": self.env._("Distress"),
            "response": self.env._("Response"),
            "overdue": self.env._("Overdue improvements"),
            "pipeline": self.env._("Pipeline"),
            "revenue": self.env._("Revenue"),
        }

    def _explain_points(self, key):
        """The points component ``key`` earned, of its weight."""
        points = f"{self[f'{key}_points']:.1f}"
        weight = self[f"{key}_weight"]
        return self.env._(
            "%(points)s of %(weight)s points", points=points, weight=weight
        )

    def _explain(self, key):
        """One sentence on component ``key``: its figure, in words."""
        self.ensure_one()
        neutral = self[f"{key}_neutral"]

        def money(amount):
            return format_amount(self.env, amount, self.currency_id)

        if key == "performance":
            if neutral:
                return self.env._("no submitted grid in this wave: neutral points.")
            value = f"{self.performance_value:.0f}"
            return self.env._(
                "customers rate the service they get %(value)s out of 100 "
                "(weighted by their influence).",
                value=value,
            )
        if key == "distress":
            if neutral:
                return self.env._("no submitted grid in this wave: neutral points.")
            share = f"{100 * self.distress_value:.1f}%"
            if not self.distress_has_previous:
                return self.env._(
                    "%(share)s of the answers are below what customers find "
                    "acceptable; no earlier wave to compare with.",
                    share=share,
                )
            previous = f"{100 * self.distress_previous:.1f}%"
            trend = _trend(self.distress_value, self.distress_previous, False)
            moved = {
                1.0: self.env._("better than"),
                0.0: self.env._("worse than"),
                NEUTRAL: self.env._("the same as"),
            }[trend]
            return self.env._(
                "%(share)s of the answers are below what customers find "
                "acceptable, %(moved)s the previous wave (%(previous)s).",
                share=share,
                moved=moved,
                previous=previous,
            )
        if key == "response":
            if neutral:
                return self.env._(
                    "nobody was invited to answer in this wave: neutral points."
                )
            executive = (
                self.env._("an executive answered")
                if self.response_executive
                else self.env._("no executive answered")
            )
            rate = f"{100 * self.response_value:.0f}%"
            return self.env._(
                "%(responded)s of %(invited)s invited contacts answered "
                "(%(rate)s); %(executive)s.",
                responded=self.response_responded,
                invited=self.response_invited,
                rate=rate,
                executive=executive,
            )
        if key == "overdue":
            if not self.overdue_open:
                return self.env._("no open gap, so nothing is overdue.")
            return self.env._(
                "open gaps past their due date (or that of their company-wide "
                "improvement): %(overdue)s of %(open)s.",
                overdue=self.overdue_value,
                open=self.overdue_open,
            )
        if key == "pipeline":
            if neutral:
                return self.env._(
                    "no opportunity open or closed in the last 24 months: "
                    "neutral points."
                )
            return self.env._(
                "open opportunities: %(count)s, worth %(amount)s; won %(won)s and "
                "lost %(lost)s in the last 12 months, against won %(won_before)s "
                "and lost %(lost_before)s in the 12 months before.",
                count=self.pipeline_open,
                amount=money(self.pipeline_value),
                won=self.pipeline_won,
                lost=self.pipeline_lost,
                won_before=self.pipeline_won_before,
                lost_before=self.pipeline_lost_before,
            )
        # revenue
        if neutral:
            return self.env._(
                "no annual revenue on this wave's review and the previous "
                "wave's to compare: neutral points."
            )
        change = f"{100 * self.revenue_value:+.0f}%"
        return self.env._(
            "annual revenue %(current)s against %(previous)s at the previous "
            "wave's review (%(change)s).",
            current=money(self.revenue_current),
            previous=money(self.revenue_previous),
            change=change,
        )

    @api.model
    def _get_weights(self):
        """The weights of Settings, checked: none negative, adding up to 100."""
        params = self.env["ir.config_parameter"].sudo()
        weights = {}
        for key in COMPONENTS:
            raw = params.get_param(WEIGHT_PARAM % key)
            try:
                weights[key] = (
                    DEFAULT_WEIGHTS[key] if raw in (None, False, "") else int(raw)
                )
            except ValueError as error:
                raise UserError(
                    self.env._("The health weight of %s is not a number.", key)
                ) from error
        self._check_weights(weights)
        return weights

    @api.model
    def _check_weights(self, weights):
        if any(weight < 0 for weight in weights.values()):
            raise UserError(self.env._("A health score weight cannot be negative."))
        total = sum(weights.values())
        if total != 100:
            raise UserError(
                self.env._(
                    "The health score weights add up to %(total)s; they must add "
                    "up to 100.",
                    total=total,
                )
            )

    @api.model
    def _compute_for(self, partners, wave):
        """Create or update the health scores of ``partners`` (accounts) in
        ``wave`` with today's weights and figures, and return them. Every
        figure is read for all the accounts at once (a few grouped queries):

        - performance, distress: ``qsr.report.account.wave`` (submitted grids,
          weighted by influence) in the wave, and the distress share of the
          account's latest earlier wave with answers;
        - response: the participants of the account's reviews of the wave
          (not cancelled): invited (invited, responded or declined) and
          responded, and whether one of level executive responded;
        - overdue: the account's gaps open today, and those past their due
          date or in a company-wide improvement past its due date;
        - pipeline: the opportunities of the account (its contacts included)
          open today, won and lost (date closed) in the last 12 months and the
          12 before;
        - revenue: the annual revenue stored on the account's latest review of
          the wave against that of its latest review of an earlier wave.
        """
        partners = partners.filtered("is_company")
        if not partners or not wave:
            return self.browse()
        weights = self._get_weights()
        figures = self._health_figures(partners, wave)
        now = fields.Datetime.now()
        existing = {
            health.partner_id: health
            for health in self.sudo().search(
                [("partner_id", "in", partners.ids), ("wave_id", "=", wave.id)]
            )
        }
        to_create, result = [], self.sudo().browse()
        for partner in partners:
            values = {
                **figures[partner],
                **self._points(figures[partner], weights),
                "date_computed": now,
            }
            if partner in existing:
                existing[partner].write(values)
                result |= existing[partner]
            else:
                to_create.append(
                    {"partner_id": partner.id, "wave_id": wave.id, **values}
                )
        result |= self.sudo().create(to_create)
        return result.sudo(False)

    @api.model
    def _points(self, figures, weights):
        """The weight, fraction and points of each component."""
        fractions = {
            "performance": lambda: performance_fraction(figures["performance_value"]),
            "distress": lambda: distress_fraction(
                figures["distress_value"],
                figures["distress_previous"]
                if figures["distress_has_previous"]
                else None,
            ),
            "response": lambda: response_fraction(
                figures["response_responded"],
                figures["response_invited"],
                figures["response_executive"],
            ),
            "overdue": lambda: overdue_fraction(
                figures["overdue_value"], figures["overdue_open"]
            ),
            "pipeline": lambda: pipeline_fraction(
                figures["pipeline_open"],
                figures["pipeline_won"],
                figures["pipeline_lost"],
                figures["pipeline_won_before"],
                figures["pipeline_lost_before"],
            ),
            "revenue": lambda: revenue_fraction(
                figures["revenue_current"], figures["revenue_previous"]
            ),
        }
        values = {}
        for key in COMPONENTS:
            fraction = NEUTRAL if figures[f"{key}_neutral"] else fractions[key]()
            values[f"{key}_weight"] = weights[key]
            values[f"{key}_points"] = round(weights[key] * fraction, 2)
        return values

    @api.model
    def _health_figures(self, partners, wave):
        """``{account: {field: value}}``: the figures of every component."""
        figures = {partner: {} for partner in partners}
        self._figures_answers(partners, wave, figures)
        self._figures_response(partners, wave, figures)
        self._figures_overdue(partners, figures)
        self._figures_pipeline(partners, figures)
        self._figures_reviews(partners, wave, figures)
        return figures

    @api.model
    def _figures_answers(self, partners, wave, figures):
        report_sudo = self.env["qsr.report.account.wave"].sudo()
        specs = ["performance:avg", "distress_share:avg"]
        current = {
            account: (performance, distress)
            for account, performance, distress in report_sudo._read_group(
                [("account_id", "in", partners.ids), ("wave_id", "=", wave.id)],
                ["account_id"],
                specs,
            )
        }
        previous = {}
        earlier = report_sudo._read_group(
            [
                ("account_id", "in", partners.ids),
                ("wave_id.date_start", "<", wave.date_start),
            ],
            ["account_id", "wave_id"],
            ["distress_share:avg"],
        )
        for account, _wave, distress in sorted(
            earlier, key=lambda row: row[1].date_start
        ):
            previous[account] = distress or 0.0  # the latest wins
        for partner in partners:
            performance, distress = current.get(partner, (None, None))
            answered = performance is not None
            figures[partner].update(
                {
                    "performance_value": performance or 0.0,
                    "performance_neutral": not answered,
                    "distress_value": distress or 0.0,
                    "distress_previous": previous.get(partner, 0.0),
                    "distress_has_previous": partner in previous,
                    "distress_neutral": not answered,
                }
            )

    @api.model
    def _figures_response(self, partners, wave, figures):
        self.env["qsr.review.participant"].flush_model(["review_id", "state"])
        self.env["qsr.review"].flush_model(["partner_id", "wave_id", "stage"])
        self.env.cr.execute(
            SQL(
                """
                SELECT rv.partner_id,
                       COUNT(*) FILTER (WHERE p.state != 'to_invite'),
                       COUNT(*) FILTER (WHERE p.state = 'responded'),
                       BOOL_OR(p.state = 'responded'
                               AND p.contact_level = 'executive')
                  FROM qsr_review_participant p
                  JOIN qsr_review rv ON rv.id = p.review_id
                 WHERE rv.partner_id IN %s AND rv.wave_id = %s
                   AND rv.stage != 'cancel'
                 GROUP BY rv.partner_id
                """,
                tuple(partners.ids),
                wave.id,
            )
        )
        rows = {
            partner_id: (invited, responded, executive)
            for partner_id, invited, responded, executive in self.env.cr.fetchall()
        }
        for partner in partners:
            invited, responded, executive = rows.get(partner.id, (0, 0, False))
            figures[partner].update(
                {
                    "response_value": responded / invited if invited else 0.0,
                    "response_invited": invited,
                    "response_responded": responded,
                    "response_executive": bool(executive),
                    "response_neutral": not invited,
                }
            )

    @api.model
    def _figures_overdue(self, partners, figures):
        gap_sudo = self.env["qsr.gap"].sudo()
        open_gaps = [
            ("partner_id", "in", partners.ids),
            ("state", "in", OPEN_GAP_STATES),
        ]
        overdue_gaps = [
            *open_gaps,
            "|",
            ("date_deadline", "<", fields.Date.context_today(self)),
            ("improvement_id", "any", [("is_overdue", "=", True)]),
        ]
        open_counts = dict(gap_sudo._read_group(open_gaps, ["partner_id"], ["__count"]))
        overdue_counts = dict(
            gap_sudo._read_group(overdue_gaps, ["partner_id"], ["__count"])
        )
        for partner in partners:
            figures[partner].update(
                {
                    "overdue_value": overdue_counts.get(partner, 0),
                    "overdue_open": open_counts.get(partner, 0),
                    "overdue_neutral": False,
                }
            )

    @api.model
    def _figures_pipeline(self, partners, figures):
        """Won as CRM has it (a won stage), lost archived at 0%, both by
        their date closed; open: active and not in a won stage."""
        now = fields.Datetime.now()
        year_ago = now - relativedelta(years=1)
        two_years_ago = now - relativedelta(years=2)
        rows = {}
        if "crm.lead" in self.env:
            Lead = self.env["crm.lead"]
            Lead.flush_model(
                [
                    "partner_id",
                    "type",
                    "active",
                    "stage_id",
                    "probability",
                    "date_closed",
                    "expected_revenue",
                ]
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT cp.id,
                           COUNT(*) FILTER (WHERE l.active
                                            AND s.is_won IS NOT TRUE),
                           SUM(l.expected_revenue) FILTER (
                               WHERE l.active AND s.is_won IS NOT TRUE),
                           COUNT(*) FILTER (WHERE l.active AND s.is_won
                                            AND l.date_closed >= %(year)s),
                           COUNT(*) FILTER (WHERE NOT l.active AND l.probability = 0
                                            AND l.date_closed >= %(year)s),
                           COUNT(*) FILTER (WHERE l.active AND s.is_won
                                            AND l.date_closed >= %(two)s
                                            AND l.date_closed < %(year)s),
                           COUNT(*) FILTER (WHERE NOT l.active AND l.probability = 0
                                            AND l.date_closed >= %(two)s
                                            AND l.date_closed < %(year)s)
                      FROM crm_lead l
                      JOIN res_partner p ON p.id = l.partner_id
                      JOIN res_partner cp ON cp.id = p.commercial_partner_id
                      LEFT JOIN crm_stage s ON s.id = l.stage_id
                     WHERE l.type = 'opportunity' AND cp.id IN %(partners)s
                     GROUP BY cp.id
                    """,
                    year=year_ago,
                    two=two_years_ago,
                    partners=tuple(partners.ids),
                )
            )
            rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in partners:
            open_count, amount, won, lost, won_before, lost_before = rows.get(
                partner.id, (0, 0.0, 0, 0, 0, 0)
            )
            figures[partner].update(
                {
                    "pipeline_value": amount or 0.0,
                    "pipeline_open": open_count,
                    "pipeline_won": won,
                    "pipeline_lost": lost,
                    "pipeline_won_before": won_before,
                    "pipeline_lost_before": lost_before,
                    "pipeline_neutral": not (
                        open_count or won or lost or won_before or lost_before
                    ),
                }
            )

    @api.model
    def _figures_reviews(self, partners, wave, figures):
        """The tier and company of the account's review of the wave, and the
        revenue it stored against that of the latest earlier wave's review."""
        reviews = (
            self.env["qsr.review"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("stage", "!=", "cancel"),
                    ("wave_id.date_start", "<=", wave.date_start),
                ]
            )
        )
        by_account = defaultdict(list)
        for review in reviews.sorted(
            lambda r: (r.wave_id.date_start, r.date_planned, r.id), reverse=True
        ):
            by_account[review.partner_id].append(review)
        for partner in partners:
            own = by_account[partner]
            current = next((r for r in own if r.wave_id == wave), None)
            previous = next(
                (
                    r
                    for r in own
                    if r.wave_id.date_start < wave.date_start and r.account_revenue
                ),
                None,
            )
            revenue = current.account_revenue if current else 0.0
            before = previous.account_revenue if previous else 0.0
            figures[partner].update(
                {
                    "tier_id": (
                        current.tier_id.id if current else partner.qsr_tier_id.id
                    ),
                    "company_id": (
                        current.company_id.id
                        if current
                        else (partner.company_id or self.env.company).id
                    ),
                    "revenue_current": revenue,
                    "revenue_previous": before,
                    "revenue_value": revenue / before - 1
                    if revenue and before
                    else 0.0,
                    "revenue_neutral": not (revenue and before),
                }
            )

    @api.model
    def _latest_waves(self, partners=None):
        """``{account: wave}``: the latest wave each account (of ``partners``,
        by default all) has a submitted response in."""
        domain = [("state", "=", "submitted"), ("wave_id", "!=", False)]
        if partners is not None:
            domain.append(("account_id", "in", partners.ids))
        latest = {}
        for account, wave in (
            self.env["qsr.response"]
            .sudo()
            ._read_group(domain, ["account_id", "wave_id"])
        ):
            if account not in latest or wave.date_start > latest[account].date_start:
                latest[account] = wave
        return latest

    @api.model
    def _compute_latest(self, partners=None):
        """Compute the scores of the accounts in the latest wave each has
        answered in; the scores of earlier waves stay as they were."""
        by_wave = defaultdict(lambda: self.env["res.partner"])
        for account, wave in self._latest_waves(partners).items():
            by_wave[wave] |= account
        result = self.browse()
        for wave, accounts in by_wave.items():
            result |= self._compute_for(accounts, wave)
        return result

    @api.model
    def _cron_compute_health(self):
        self._compute_latest()

    # actions

    def action_view_account(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "views": [(False, "form")],
        }
