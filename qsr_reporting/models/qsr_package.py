import math
from collections import Counter

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.qsr_simalto.analysis import package_planner, simalto_engine

OPEN_GAP_STATES = ("open", "progress")
# the field each scope needs
SCOPE_FIELDS = {
    "account": "review_id",
    "tier": "tier_id",
    "segment": "industry_id",
    "wave": "wave_id",
    "accounts": "partner_ids",
}
# what the answers in scope depend on
SCOPE_INPUTS = frozenset({"scope", "company_id", *SCOPE_FIELDS.values()})


def _known(value):
    """A figure of the engine, 0.0 when unknown (NaN or None)."""
    if value is None:
        return 0.0
    value = float(value)
    return 0.0 if math.isnan(value) else value


def _level_id(value):
    """A level id of the engine's frames, False when unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return int(value)


class QsrPackage(models.Model):
    """A what-if package: one level per row of a grid, evaluated against the
    submitted answers of a scope (one account's review, a tier, a segment, a
    wave of the portfolio or a set of accounts). Its figures are stored and
    change only when the package is saved, when Find Best Package applies, or
    when the submitted answers in its scope change (submit, reopen)."""

    _name = "qsr.package"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Service Package"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    grid_id = fields.Many2one(
        "qsr.grid",
        compute="_compute_grid_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        help="The version of the grid whose answers the package is evaluated "
        "on; for one account, its review's grid.",
    )
    scope = fields.Selection(
        [
            ("account", "One Account"),
            ("tier", "Tier"),
            ("segment", "Segment"),
            ("wave", "Wave"),
            ("accounts", "Selected Accounts"),
        ],
        required=True,
        default="tier",
        tracking=True,
        help="Whose submitted answers the package is evaluated on: one "
        "account's review, the accounts of a tier or segment, a whole wave, or "
        "accounts picked by hand; the wave, when set, narrows the others.",
    )
    review_id = fields.Many2one(
        "qsr.review",
        ondelete="cascade",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        help="One account and wave: the review whose answers count.",
    )
    partner_id = fields.Many2one(
        related="review_id.partner_id", string="Account", store=True, index=True
    )
    wave_id = fields.Many2one(
        "qsr.wave",
        compute="_compute_wave_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        check_company=True,
        help="The wave whose answers count. Left empty for a tier, segment or "
        "chosen accounts: each account's latest review with submitted answers.",
    )
    tier_id = fields.Many2one("qsr.tier", tracking=True)
    industry_id = fields.Many2one(
        "res.partner.industry", string="Segment", tracking=True
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "qsr_package_partner_rel",
        "package_id",
        "partner_id",
        string="Accounts",
        domain=[("is_company", "=", True)],
    )
    line_ids = fields.One2many(
        "qsr.package.line", "package_id", string="Rows", copy=True
    )
    notes = fields.Html()
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("proposed", "Proposed"), ("planned", "Planned")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    # figures over the submitted answers in scope, written by _update_figures
    respondent_count = fields.Integer(string="Respondents", readonly=True)
    account_count = fields.Integer(string="Accounts in Scope", readonly=True)
    acceptable_share = fields.Float(
        string="Everything Acceptable",
        readonly=True,
        aggregator="avg",
        help="Weighted share of the respondents for whom every row of the "
        "package is at or above their acceptable level.",
    )
    rows_acceptable = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Weighted mean, over the respondents, of the share of the "
        "package's rows at or above their acceptable level.",
    )
    match_mean = fields.Float(
        string="Mean Match",
        readonly=True,
        aggregator="avg",
        help="Weighted mean, over the respondents, of the share of the "
        "package's rows at or above the level they chose after the last round.",
    )
    cost = fields.Float(
        string="Cost (Points)",
        readonly=True,
        help="Points of the package's levels over the typical levels.",
    )
    wtp_covered = fields.Monetary(
        string="WTP Covered",
        readonly=True,
        currency_field="currency_id",
        groups="qsr_review.group_qsr_user",
        help="The willingness to pay the package covers a year, summed over "
        "its rows and the accounts in scope. Zero when the grid has no price "
        "row: then nothing is priced.",
    )
    supplier_cost = fields.Monetary(
        string="Yearly Supplier Cost",
        readonly=True,
        currency_field="currency_id",
        groups="qsr_review.group_qsr_user",
        help="What the package's levels cost us over the typical levels a "
        "year, for all the accounts in scope (the levels' supplier costs).",
    )
    date_figures = fields.Datetime(string="Figures Of", readonly=True, copy=False)
    figures_outdated = fields.Boolean(
        readonly=True,
        copy=False,
        help="Answers in the scope were submitted or reopened since the figures "
        "were computed: a background job updates them shortly.",
    )
    explanation = fields.Html(
        readonly=True,
        copy=False,
        help="Why Find Best Package chose these levels.",
    )
    gap_ids = fields.One2many("qsr.gap", "package_id")
    gap_count = fields.Integer(compute="_compute_action_counts")
    improvement_ids = fields.One2many(
        "qsr.improvement", "package_id", string="Improvements"
    )
    improvement_count = fields.Integer(compute="_compute_action_counts")
    changed_count = fields.Integer(
        string="Rows Changed", compute="_compute_changed_count"
    )

    # compute

    @api.depends("scope", "review_id")
    def _compute_grid_id(self):
        for package in self:
            if package.scope == "account" and package.review_id.grid_id:
                package.grid_id = package.review_id.grid_id

    @api.depends("scope", "review_id")
    def _compute_wave_id(self):
        for package in self:
            if package.scope == "account":
                package.wave_id = package.review_id.wave_id

    @api.depends("gap_ids", "improvement_ids")
    def _compute_action_counts(self):
        for package in self:
            package.gap_count = len(package.gap_ids)
            package.improvement_count = len(package.improvement_ids)

    @api.depends("line_ids.is_changed")
    def _compute_changed_count(self):
        for package in self:
            package.changed_count = len(package.line_ids.filtered("is_changed"))

    # constraints

    @api.constrains("scope", *SCOPE_FIELDS.values())
    def _check_scope(self):
        labels = dict(self._fields["scope"]._description_selection(self.env))
        for package in self:
            name = SCOPE_FIELDS[package.scope]
            if not package[name]:
                raise ValidationError(
                    self.env._(
                        "A package of scope %(scope)s needs its %(field)s.",
                        scope=labels[package.scope],
                        field=package._fields[name]._description_string(self.env),
                    )
                )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        packages = super().create(vals_list)
        packages._check_scope_access()
        packages._update_figures(follow_typical=True)
        return packages

    def write(self, vals):
        result = super(QsrPackage, self.with_context(qsr_package_updating=True)).write(
            vals
        )
        scope_changed = bool(SCOPE_INPUTS.intersection(vals) or "grid_id" in vals)
        if scope_changed:
            self._check_scope_access()
        if scope_changed or "line_ids" in vals:
            self._update_figures(
                follow_typical=scope_changed and all(p.state == "draft" for p in self)
            )
        return result

    # actions

    def action_find_best_package(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Find Best Package"),
            "res_model": "qsr.package.best.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_package_id": self.id},
        }

    def action_reset_to_typical(self):
        for package in self:
            for line in package.line_ids.filtered("is_changed"):
                line.with_context(
                    qsr_package_updating=True
                ).level_id = line.typical_level_id
        self._update_figures()
        return True

    def action_propose(self):
        """Gaps for the customer's account plan: one per changed row on the
        package's review, named after the row and the level the package
        offers, linked to the package (an open gap on the row is linked
        instead of duplicated)."""
        for package in self:
            if package.scope != "account":
                raise UserError(
                    self.env._(
                        "Only a package of one account is proposed to its "
                        "customer; plan a package of several accounts for all "
                        "of them instead."
                    )
                )
            changed = package._changed_lines()
            known = package.review_id.gap_ids.filtered(
                lambda g: g.state in OPEN_GAP_STATES
            )
            by_row = {gap.attribute_id: gap for gap in known.sorted("id")}
            to_create = []
            for line in changed:
                gap = by_row.get(line.attribute_id)
                if gap:
                    gap.package_id = package
                    continue
                to_create.append(
                    {
                        **package._gap_values(line),
                        "review_id": package.review_id.id,
                        "user_id": (package.review_id.user_id or package.user_id).id,
                    }
                )
            self.env["qsr.gap"].create(to_create)
            package.state = "proposed"
            package.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Proposed to %(account)s: %(count)s gaps in review %(review)s.",
                    account=package.partner_id.display_name,
                    count=len(changed),
                    review=package.review_id.display_name,
                )
            )
        return True

    def action_plan_for_all(self):
        """One company-wide improvement per changed row, with a gap on the
        review of each account in scope (an open gap on the row is linked
        instead of duplicated), all linked to the package."""
        Improvement = self.env["qsr.improvement"]
        for package in self:
            if package.scope == "account":
                raise UserError(
                    self.env._(
                        "A package of one account is proposed to its customer, "
                        "not planned for all accounts."
                    )
                )
            changed = package._changed_lines()
            reviews = package._scope_reviews()
            if not reviews:
                raise UserError(
                    self.env._("No account in the package's scope has answered.")
                )
            for line in changed:
                improvement = package.improvement_ids.filtered(
                    lambda i, line=line: (
                        i.aspect_id == line.attribute_id.aspect_id and i.state != "done"
                    )
                )[:1]
                if not improvement:
                    improvement = Improvement.create(
                        {
                            "name": package._gap_values(line)["name"],
                            "description": package._gap_values(line)["description"],
                            "user_id": package.user_id.id,
                            "company_id": package.company_id.id,
                            "wave_id": package.wave_id.id,
                            "tier_id": package.tier_id.id
                            if package.scope == "tier"
                            else False,
                            "grid_id": package.grid_id.first_version_id.id
                            or package.grid_id.id,
                            "aspect_id": line.attribute_id.aspect_id.id,
                            "package_id": package.id,
                        }
                    )
                existing = self.env["qsr.gap"].search(
                    [
                        ("review_id", "in", reviews.ids),
                        ("attribute_id", "=", line.attribute_id.id),
                        ("state", "in", OPEN_GAP_STATES),
                    ]
                )
                by_review = {gap.review_id: gap for gap in existing.sorted("id")}
                to_link = self.env["qsr.gap"]
                to_create = []
                for review in reviews:
                    gap = by_review.get(review)
                    if gap:
                        to_link |= gap
                        continue
                    to_create.append(
                        {
                            **package._gap_values(line),
                            "review_id": review.id,
                            "user_id": package.user_id.id,
                            "improvement_id": improvement.id,
                        }
                    )
                to_link.write(
                    {"improvement_id": improvement.id, "package_id": package.id}
                )
                self.env["qsr.gap"].create(to_create)
            package.state = "planned"
            package.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Planned for all %(accounts)s accounts in scope: %(count)s "
                    "company-wide improvements.",
                    accounts=len(reviews),
                    count=len(changed),
                )
            )
        return True

    def action_view_gaps(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_gap_action"
        )
        action["domain"] = [("package_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_view_improvements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_improvement_action"
        )
        action["domain"] = [("package_id", "=", self.id)]
        action["context"] = {}
        return action

    # business

    def _changed_lines(self):
        self.ensure_one()
        changed = self.line_ids.filtered("is_changed")
        if not changed:
            raise UserError(
                self.env._(
                    "Package %s changes no row: set a level above the typical "
                    "one first, or run Find Best Package.",
                    self.name,
                )
            )
        return changed

    def _gap_values(self, line):
        """What a gap (or improvement) made of a changed row says: the row and
        the level the package offers; no cost nor money, the customer may see
        the gap."""
        return {
            "name": self.env._(
                "%(row)s: %(level)s",
                row=line.attribute_id.name,
                level=line.level_id.name,
            ),
            "description": Markup("<p>%s</p>")
            % self.env._(
                "From package %(package)s: %(row)s from %(typical)s to %(level)s.",
                package=self.name,
                row=line.attribute_id.name,
                typical=line.typical_level_id.name or "-",
                level=line.level_id.name,
            ),
            "attribute_id": line.attribute_id.id,
            "package_id": self.id,
        }

    def _scope_domain(self):
        """The submitted responses of the package's scope (grid version and
        company included)."""
        self.ensure_one()
        domain = [
            ("state", "=", "submitted"),
            ("grid_id", "=", self.grid_id.id),
        ]
        if self.scope == "account":
            return [*domain, ("review_id", "=", self.review_id.id)]
        domain.append(("company_id", "=", self.company_id.id))
        if self.wave_id:
            domain.append(("wave_id", "=", self.wave_id.id))
        if self.scope == "tier":
            domain.append(("review_id.tier_id", "=", self.tier_id.id))
        elif self.scope == "segment":
            domain.append(("review_id.industry_id", "=", self.industry_id.id))
        elif self.scope == "accounts":
            domain.append(("account_id", "in", self.partner_ids.ids))
        return domain

    def _scope_responses(self):
        """The submitted responses in the package's scope, whoever looks: the
        figures do not depend on the user. Without a wave, each account counts
        with its latest review with submitted answers in scope only, so that
        no account counts twice."""
        self.ensure_one()
        if not self.grid_id or not self[SCOPE_FIELDS[self.scope]]:
            return self.env["qsr.response"].sudo()
        responses = self.env["qsr.response"].sudo().search(self._scope_domain())
        if self.scope == "account" or self.wave_id:
            return responses
        latest = {}
        for response in responses:
            review = response.review_id
            key = (review.date_planned, review.id)
            if key > latest.get(response.account_id, (key[0], 0)):
                latest[response.account_id] = key
        return responses.filtered(lambda r: latest[r.account_id][1] == r.review_id.id)

    def _scope_reviews(self):
        """Per account in scope, the review of its latest submitted answers in
        scope: where the gaps of a plan for all accounts go."""
        self.ensure_one()
        latest = {}
        for response in self._scope_responses().sorted(
            lambda r: (r.review_id.date_planned, r.review_id.id)
        ):
            latest[response.account_id] = response.review_id.id
        return self.env["qsr.review"].browse(sorted(latest.values()))

    def _holds(self, response):
        """Whether ``response``, submitted or not, is of the package's scope."""
        self.ensure_one()
        if response.grid_id != self.grid_id:
            return False
        if self.scope == "account":
            return response.review_id == self.review_id
        if response.company_id != self.company_id or (
            self.wave_id and response.wave_id != self.wave_id
        ):
            return False
        if self.scope == "tier":
            return response.review_id.tier_id == self.tier_id
        if self.scope == "segment":
            return response.review_id.industry_id == self.industry_id
        if self.scope == "accounts":
            return response.account_id in self.partner_ids
        return True

    @api.model
    def _holding(self, responses):
        """The packages whose scope holds one of ``responses``."""
        responses = responses.sudo()
        if not responses:
            return self.browse()
        reviews = responses.review_id
        # in one query; exact for one response, a superset for several
        packages = self.sudo().search(
            [
                ("grid_id", "in", responses.grid_id.ids),
                "|",
                "&",
                ("scope", "=", "account"),
                ("review_id", "in", reviews.ids),
                "&",
                "&",
                ("company_id", "in", responses.company_id.ids),
                "|",
                ("wave_id", "=", False),
                ("wave_id", "in", responses.wave_id.ids),
                "|",
                "|",
                "|",
                ("scope", "=", "wave"),
                "&",
                ("scope", "=", "tier"),
                ("tier_id", "in", reviews.tier_id.ids),
                "&",
                ("scope", "=", "segment"),
                ("industry_id", "in", reviews.industry_id.ids),
                "&",
                ("scope", "=", "accounts"),
                ("partner_ids", "in", responses.account_id.ids),
            ]
        )
        if len(responses) == 1:
            return packages
        return packages.filtered(
            lambda package: any(package._holds(r) for r in responses)
        )

    @api.model
    def _update_for_responses(self, responses):
        """Have the figures of the packages whose scope holds one of
        ``responses`` updated: called when they are submitted or reopened."""
        self._holding(responses)._mark_outdated()

    def _mark_outdated(self):
        """Mark the packages' figures outdated and wake the job that updates
        them: a submit does not wait for figures over a whole portfolio."""
        if not self:
            return
        self.sudo().figures_outdated = True
        cron = self.env.ref(
            "qsr_reporting.ir_cron_qsr_package_figures", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()

    @api.model
    def _cron_update_figures(self, batch=20):
        """Update the outdated packages' figures, a batch at a time."""
        packages = self.sudo().search([("figures_outdated", "=", True)], limit=batch)
        packages._update_figures()
        self.env["ir.cron"]._notify_progress(
            done=len(packages),
            remaining=self.sudo().search_count([("figures_outdated", "=", True)]),
        )

    def _check_scope_access(self):
        """A QSR user who is not a manager plans packages over the accounts
        whose reviews they may read only: the figures would tell them about
        the others."""
        if self.env.su or self.env.user.has_group("qsr_review.group_qsr_manager"):
            return
        for package in self:
            reviews = package._scope_responses().review_id
            hidden = reviews.sudo(False) - reviews.sudo(False)._filtered_access("read")
            if hidden:
                raise AccessError(
                    self.env._(
                        "The scope of package %(package)s holds accounts you "
                        "may not see (%(accounts)s): narrow it to your own "
                        "accounts, or ask a sales director.",
                        package=package.name,
                        accounts=", ".join(hidden.sudo().partner_id.mapped("name")),
                    )
                )

    def _engine_frames(self, responses):
        """The engine's frames over the lines of ``responses`` (of the
        package's grid), in bulk: (levels, attributes, budgets, responses,
        lines), with the price columns, the accounts' ``revenue`` and, when a
        level of the grid has one, ``supplier_cost``."""
        self.ensure_one()
        return self.grid_id.sudo()._engine_frames_bulk(responses)

    def _default_level(self, attribute):
        """A row's level when nobody in scope has answered it: its zero level
        (cost 0), else its worst level."""
        levels = attribute.level_ids.sorted()
        return levels.filtered(lambda level: not level.cost)[:1] or levels[:1]

    def _update_figures(self, follow_typical=False):
        """Write the figures of the packages over the submitted answers in
        their scope: the typical, acceptable and bought levels of every row
        of the grid but the price row (adding the rows missing and removing
        those of another grid), the distress left at the package's levels,
        and the package's figures. With ``follow_typical``, the rows whose
        level is the typical one (or not set) move to the new typical level."""
        Line = self.env["qsr.package.line"].with_context(qsr_package_updating=True)
        now = fields.Datetime.now()
        for package in self.with_context(qsr_package_updating=True):
            grid = package.grid_id.sudo()
            rows = grid.attribute_ids.filtered(lambda a: not a.is_price).sorted(
                lambda a: (a.area_sequence, a.sequence, a.id)
            )
            responses = package._scope_responses()
            frames = package._engine_frames(responses) if responses else None
            typical = acceptable = bought = {}
            if frames:
                table = package_planner.package_rows(
                    frames[0], frames[1], frames[3], frames[4], frames[2]
                ).set_index("attribute_id")
                typical = table["typical_level_id"].map(_level_id).to_dict()
                acceptable = table["acceptable_level_id"].map(_level_id).to_dict()
                bought = table["bought_level_id"].map(_level_id).to_dict()

            package.line_ids.filtered(
                lambda ln, rows=rows: ln.attribute_id not in rows
            ).unlink()
            by_row = {line.attribute_id: line for line in package.line_ids}
            new_lines = []
            for sequence, row in enumerate(rows):
                typical_id = typical.get(row.id) or package._default_level(row).id
                values = {
                    "sequence": sequence,
                    "typical_level_id": typical_id,
                    "acceptable_level_id": acceptable.get(row.id, False),
                    "bought_level_id": bought.get(row.id, False),
                }
                line = by_row.get(row)
                if not line:
                    new_lines.append(
                        {
                            **values,
                            "package_id": package.id,
                            "attribute_id": row.id,
                            "level_id": typical_id,
                        }
                    )
                    continue
                if follow_typical and line.level_id in (
                    line.typical_level_id,
                    line.level_id.browse(),
                ):
                    values["level_id"] = typical_id
                line.write(values)
            Line.create(new_lines)

            lines = package.line_ids
            plan = {line.attribute_id.id: line.level_id.id for line in lines}
            figures, distress = {}, None
            if frames:
                levels, attributes, budgets, people, line_frame = frames
                figures = simalto_engine.what_if(
                    levels, attributes, people, line_frame, budgets, plan
                )
                distress = package_planner.package_distress(
                    levels, attributes, people, line_frame, budgets, plan
                ).set_index("attribute_id")
            supplier = package._supplier_costs(lines)
            for line in lines:
                row = (
                    distress.loc[line.attribute_id.id]
                    if distress is not None and line.attribute_id.id in distress.index
                    else None
                )
                line.write(
                    {
                        "distress_share": _known(row["distress_share"])
                        if row is not None
                        else 0.0,
                        "distress_partner_ids": [
                            fields.Command.set(
                                [int(a) for a in row["account_ids"]]
                                if row is not None
                                else []
                            )
                        ],
                        "wtp_covered": _known(row["wtp_covered"])
                        if row is not None
                        else 0.0,
                        "supplier_cost": supplier[line],
                    }
                )
            account_count = len(responses.account_id)
            package.write(
                {
                    "respondent_count": figures.get("respondent_count", 0),
                    "account_count": account_count,
                    "acceptable_share": _known(figures.get("acceptable_share")),
                    "rows_acceptable": _known(figures.get("rows_acceptable")),
                    "match_mean": _known(figures.get("match_mean")),
                    "cost": sum(lines.mapped("cost")),
                    "wtp_covered": _known(figures.get("wtp_covered")),
                    "supplier_cost": account_count * sum(supplier.values()),
                    "date_figures": now,
                    "figures_outdated": False,
                }
            )

    def _supplier_costs(self, lines):
        """{line: supplier cost of its level over the typical level}."""
        return {
            line: line.level_id.sudo().supplier_cost
            - line.typical_level_id.sudo().supplier_cost
            for line in lines
        }

    # demo

    @api.model
    def _demo_create_package(self):
        """A tier package on the demo grid, for the (grid version, tier,
        wave) with the most submitted answers, its levels chosen by Find Best
        Package within 30 points."""
        default = self.env.ref("qsr_simalto.grid_default", raise_if_not_found=False)
        if not default:
            return self.browse()
        responses = self.env["qsr.response"].search(
            [
                ("state", "=", "submitted"),
                ("grid_id.first_version_id", "=", default.first_version_id.id),
                ("review_id.tier_id", "!=", False),
            ]
        )
        counts = Counter((r.grid_id, r.review_id.tier_id, r.wave_id) for r in responses)
        if not counts:
            return self.browse()
        (grid, tier, wave), _count = counts.most_common(1)[0]
        scope = [
            ("grid_id", "=", grid.id),
            ("scope", "=", "tier"),
            ("tier_id", "=", tier.id),
            ("wave_id", "=", wave.id),
        ]
        if self.search_count(scope):  # loaded again on an update
            return self.browse()
        package = self.create(
            {
                "name": self.env._("%s: best within 30 points", tier.name),
                "grid_id": grid.id,
                "scope": "tier",
                "tier_id": tier.id,
                "wave_id": wave.id,
            }
        )
        self.env["qsr.package.best.wizard"].create(
            {"package_id": package.id, "budget": 30.0}
        ).action_apply()
        return package
