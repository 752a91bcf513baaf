"""The access matrix of qsr_review, qsr_simalto and qsr_reporting, and of the
other QSR addons when they are installed.

MATRIX is the specification: for every model of these addons and every role
of ``access_common``, what the role may read, write, create and unlink.
Each cell is either ``None``, the model's access rights refuse the operation
outright (AccessError whatever the record), or the set of fixture keys the
role reaches: the records it finds and may read, write or unlink, and the
records it may create (``create`` values keyed the same way). The tests check
every cell with the ORM, as the role, each change rolled back. A model of an
installed QSR addon that is neither in MATRIX nor delegated below fails
``test_every_model_is_in_the_matrix``.
"""

from collections import namedtuple

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .access_common import (
    AM_A,
    CIRCULATION,
    DIRECTOR,
    NO_TEAM,
    ROLES,
    AccessMatrixCommon,
)

ADDONS = ("qsr_review", "qsr_simalto", "qsr_reporting")

Rights = namedtuple("Rights", "read write create unlink", defaults=(None,) * 4)
Spec = namedtuple("Spec", "records write create roles")

NOTHING = Rights()  # the access rights refuse every operation


def rights(read=None, write=None, create=None, unlink=None):
    """Rights with each given operation limited to a set of keys."""

    def keys(value):
        return None if value is None else frozenset(value)

    return Rights(keys(read), keys(write), keys(create), keys(unlink))


def full(records, create=()):
    """Read, write and unlink ``records``; create ``create``."""
    return rights(records, records, create, records)


def read_only(records):
    return rights(read=records)


def outsider():
    """Allowed by the access rights, but no record matches the rules."""
    return full((), ())


def roles(default=NOTHING, **cells):
    """The rights of every role: ``cells`` by role, ``default`` elsewhere."""
    return {role: cells.get(role, default) for role in ROLES}


def same(value):
    return lambda test, record, user: value


def vals(**values):
    """Creation values; a callable value gets (test, user)."""
    return lambda test, user: {
        name: value(test, user) if callable(value) else value
        for name, value in values.items()
    }


def ref(attr):
    return lambda test, user: getattr(test, attr).id


def me(test, user):
    return user.id


# configuration: QSR users read it, QSR managers maintain it
def configuration(keys, write, create):
    qsr_user = read_only(keys)
    return Spec(
        {key: key for key in keys},
        same(write),
        create,
        roles(
            am_a=qsr_user,
            no_team=qsr_user,
            circulation=qsr_user,
            director=full(keys, create),
        ),
    )


# what hangs off a review: the account team of A sees A's, the circulation
# list the council's, QSR managers all; nobody else anything
def of_review(prefix, write, create):
    records = {"a": f"{prefix}_a", "b": f"{prefix}_b", "council": f"{prefix}_council"}
    return Spec(
        records,
        same(write),
        create,
        roles(
            am_a=full({"a"}, {"a"}),
            no_team=outsider(),
            circulation=full({"council"}, {"council"}),
            director=full(records, create),
        ),
    )


# SQL-view analyses: read-only, by account
def analysis(prefix):
    records = {"a": f"{prefix}_a", "b": f"{prefix}_b"}
    return Spec(
        records,
        same({}),
        {"a": vals()},
        roles(
            am_a=read_only({"a"}),
            no_team=read_only(()),
            circulation=read_only(()),
            director=read_only({"a", "b"}),
        ),
    )


def with_roles(spec, **cells):
    return spec._replace(roles={**spec.roles, **cells})


def on_reviews(**values):
    """Creation values on review A, B and the council."""
    return {
        key: vals(review_id=ref(review), **values)
        for key, review in (
            ("a", "review_a"),
            ("b", "review_b"),
            ("council", "council"),
        )
    }


REVIEW_CREATE = {
    "a": vals(partner_id=ref("account_a")),
    "b": vals(partner_id=ref("account_b")),
    # a review of B the creator names themselves account manager of
    "b_as_own": vals(partner_id=ref("account_b"), user_id=me),
    "fresh_as_own": vals(partner_id=ref("account_fresh"), user_id=me),
    "council": vals(
        partner_id=ref("account_a"),
        review_type="council",
        circulation_user_ids=lambda test, user: [Command.link(user.id)],
    ),
}

MATRIX = {
    # qsr_review: configuration
    "qsr.tier": configuration(
        ("tier",), {"cadence_months": 7}, {"tier": vals(name="Platinum")}
    ),
    "qsr.tier.tool": configuration(
        ("tier_tool",),
        {"cadence_months": 7},
        {
            "tier_tool": vals(
                tier_id=ref("tier_development"),
                review_type="council",
                cadence_months=12,
            )
        },
    ),
    "qsr.wave": configuration(
        ("wave",),
        {"name": "Renamed"},
        {"wave": vals(name="2042 Q1", date_start="2042-01-01", date_end="2042-03-31")},
    ),
    # the extended account team: seen by the account's team, changed by whoever
    # manages or sponsors the account (being on a team opens the account's
    # reviews: nobody may add themselves to another account's team)
    "qsr.account.team.member": Spec(
        {"a": "team_a", "b": "team_b"},
        same({"note": "Changed"}),
        {
            "a": vals(partner_id=ref("account_a"), user_id=me, function="finance"),
            "b": vals(partner_id=ref("account_b"), user_id=me, function="finance"),
        },
        roles(
            am_a=full({"a"}, {"a"}),
            no_team=outsider(),
            circulation=outsider(),
            director=full({"a", "b"}, {"a", "b"}),
        ),
    ),
    # reviews: the account's team, a confidential one only its circulation
    # list; everyone creates reviews of the accounts they are on only
    "qsr.review": Spec(
        {"a": "review_a", "b": "review_b", "council": "council"},
        same({"color": 3}),
        REVIEW_CREATE,
        roles(
            am_a=rights({"a"}, {"a"}, {"a", "council"}, {"a"}),
            no_team=outsider(),
            circulation=full({"council"}),
            director=full({"a", "b", "council"}, REVIEW_CREATE),
        ),
    ),
    "qsr.review.participant": of_review(
        "participants",
        {"weight": 2},
        {
            "a": vals(review_id=ref("review_a"), partner_id=ref("spare_a2")),
            "b": vals(review_id=ref("review_b"), partner_id=ref("spare_b2")),
            "council": vals(review_id=ref("council"), partner_id=ref("spare_a2")),
        },
    ),
    "qsr.review.discussion.point": of_review(
        "point",
        {"done": True},
        on_reviews(name="Agenda item"),
    ),
    "qsr.review.engagement": of_review(
        "engagement",
        {"action": "Changed"},
        on_reviews(user_id=me, action="Visit the site"),
    ),
    "qsr.gap": of_review(
        "gap",
        {"name": "Renamed"},
        on_reviews(name="New gap"),
    ),
    "qsr.council.theme": Spec(
        {"council": "theme"},
        same({"outcome": "Concluded"}),
        {"council": vals(review_id=ref("council"), name="Pricing")},
        roles(
            am_a=outsider(),
            no_team=outsider(),
            circulation=full({"council"}, {"council"}),
            director=full({"council"}, {"council"}),
        ),
    ),
    "qsr.account.tool": analysis("tools"),
    # company-wide improvements: their owner's (and whoever owns one of their
    # gaps), all of them the directors'; only directors delete them
    "qsr.improvement": Spec(
        {"a": "improvement_a", "b": "improvement_b"},
        same({"name": "Renamed"}),
        {"mine": vals(name="New improvement")},
        roles(
            am_a=rights({"a"}, {"a"}, {"mine"}),
            no_team=rights((), (), {"mine"}),
            circulation=rights((), (), {"mine"}),
            director=full({"a", "b"}, {"mine"}),
        ),
    ),
    # qsr_simalto: grids are configuration (an answered grid is frozen: the
    # rows are about a grid still being built)
    "qsr.grid": configuration(
        ("config_grid",),
        {"name": "Renamed"},
        {
            "config_grid": vals(
                name="New grid",
                round_ids=lambda test, user: [
                    Command.create({"name": "Round", "sequence": 1, "budget": 10})
                ],
            )
        },
    ),
    "qsr.grid.area": configuration(
        ("grid_area",),
        {"name": "Renamed"},
        {"grid_area": vals(grid_id=ref("config_grid"), name="Logistics")},
    ),
    "qsr.grid.attribute": configuration(
        ("grid_attribute",),
        {"name": "Renamed"},
        {"grid_attribute": vals(area_id=ref("grid_area"), name="Invoices right")},
    ),
    "qsr.grid.level": configuration(
        ("grid_level",),
        {"name": "Renamed"},
        {
            "grid_level": vals(
                attribute_id=ref("extra_attribute"), name="Level", cost=0, sequence=1
            )
        },
    ),
    "qsr.service.aspect": configuration(
        ("aspect",),
        {"name": "Renamed"},
        {"aspect": vals(name="Invoices right first time")},
    ),
    "qsr.grid.round": configuration(
        ("grid_round",),
        {"name": "Renamed"},
        {
            "grid_round": vals(
                grid_id=ref("config_grid"), name="Round 3", sequence=3, budget=5
            )
        },
    ),
    # responses: a portal contact reads their own (answering goes through the
    # portal routes), the account team works on its account's
    "qsr.response": Spec(
        {"alice": "resp_alice", "oscar": "resp_oscar", "bob": "resp_bob"},
        same({"comment": "Changed"}),
        {
            "a": vals(
                review_id=ref("review_a"),
                participant_id=ref("spare_participant_a"),
                grid_id=ref("grid"),
            ),
            "b": vals(
                review_id=ref("review_b"),
                participant_id=ref("spare_participant_b"),
                grid_id=ref("grid"),
            ),
        },
        roles(
            portal_a=read_only({"oscar"}),
            portal_b=read_only({"bob"}),
            am_a=rights(
                {"alice", "oscar"}, {"alice", "oscar"}, {"a"}, {"alice", "oscar"}
            ),
            no_team=outsider(),
            circulation=outsider(),
            director=full({"alice", "oscar", "bob"}, {"a", "b"}),
        ),
    ),
    "qsr.response.line": Spec(
        {"a": "lines_a", "b": "lines_b"},
        same({"comment": "Changed"}),
        {
            "a": vals(
                response_id=ref("resp_oscar"), attribute_id=ref("extra_attribute")
            ),
            "b": vals(response_id=ref("resp_bob"), attribute_id=ref("extra_attribute")),
        },
        roles(
            am_a=full({"a"}, {"a"}),
            no_team=outsider(),
            circulation=outsider(),
            director=full({"a", "b"}, {"a", "b"}),
        ),
    ),
    "qsr.response.round.choice": Spec(
        {"a": "choices_a", "b": "choices_b"},
        lambda test, record, user: {"level_id": record.level_id.id},
        {
            "a": vals(
                line_id=ref("line_oscar_rt"),
                round_id=ref("round_1"),
                level_id=lambda test, user: test.rt[1].id,
            ),
            "b": vals(
                line_id=ref("line_bob_inf"),
                round_id=ref("round_1"),
                level_id=lambda test, user: test.inf[2].id,
            ),
        },
        roles(
            am_a=full({"a"}, {"a"}),
            no_team=outsider(),
            circulation=outsider(),
            director=full({"a", "b"}, {"a", "b"}),
        ),
    ),
    # qsr_reporting
    "qsr.report.response.line": analysis("rows"),
    "qsr.report.account.wave": analysis("waves"),
    # the analysis's sums per review and attribute, which the analysis above
    # reads as the user: the same rules
    "qsr.report.review.attribute": analysis("sums"),
    "qsr.report.review.attribute.analysis": analysis("sums_analysis"),
    # Fix for All of Them and the company-wide improvement made from it: the
    # directors'
    "qsr.report.tolerated.failing": Spec(
        {"wave": "failing_rows"},
        same({}),
        {"wave": vals()},
        roles(director=read_only({"wave"})),
    ),
    "qsr.improvement.wizard": Spec(
        {},
        same({}),
        {
            "row": vals(
                wave_id=ref("wave"),
                grid_id=ref("grid"),
                aspect_id=lambda test, user: test.response_time.aspect_id.id,
            )
        },
        roles(director=full((), {"row"})),
    ),
    # service packages: their owner's and, for one account, the account
    # team's of the review; the directors' all. A QSR user creates a package
    # only over accounts they see
    "qsr.package": Spec(
        {
            "a": "package_a",
            "b": "package_b",
            "tier": "package_tier",
            "mine": "package_mine",
        },
        same({"name": "Renamed"}),
        {
            key: vals(name="New package", scope="account", review_id=ref(review))
            for key, review in (("a", "review_a"), ("b", "review_b"))
        },
        roles(
            am_a=full({"a", "mine"}, {"a"}),
            no_team=outsider(),
            circulation=outsider(),
            director=full({"a", "b", "tier", "mine"}, {"a", "b"}),
        ),
    ),
    "qsr.package.line": Spec(
        {
            "a": "package_lines_a",
            "b": "package_lines_b",
            "tier": "package_lines_tier",
            "mine": "package_lines_mine",
        },
        same({"sequence": 5}),
        {
            "a": vals(
                package_id=ref("package_a"),
                attribute_id=ref("response_time"),
                level_id=lambda test, user: test.rt[0].id,
            )
        },
        roles(
            am_a=full({"a", "mine"}, {"a"}),
            no_team=outsider(),
            circulation=outsider(),
            director=full({"a", "b", "tier", "mine"}, {"a"}),
        ),
    ),
    "qsr.package.best.wizard": Spec(
        {},
        same({}),
        {"a": vals(package_id=ref("package_a"))},
        roles(
            am_a=full((), {"a"}),
            no_team=outsider(),
            circulation=outsider(),
            director=full((), {"a"}),
        ),
    ),
    # the comparison of packages: whoever may read the packages compared
    "qsr.package.comparison": Spec(
        {},
        same({}),
        {
            "a": vals(
                package_ids=lambda test, user: [
                    Command.set((test.package_a | test.package_mine).ids)
                ]
            )
        },
        roles(
            am_a=full((), {"a"}),
            no_team=outsider(),
            circulation=outsider(),
            director=full((), {"a"}),
        ),
    ),
    # account health scores: read as the analysis (the account's team), made
    # and changed by the directors (and the daily cron)
    "qsr.account.health": Spec(
        {"a": "health_a", "b": "health_b"},
        same({"performance_points": 1.0}),
        {"fresh": vals(partner_id=ref("account_fresh"), wave_id=ref("wave"))},
        roles(
            am_a=read_only({"a"}),
            no_team=read_only(()),
            circulation=read_only(()),
            director=full({"a", "b"}, {"fresh"}),
        ),
    ),
    "qsr.portfolio.report.wizard": Spec(
        {},
        same({}),
        {"wave": vals(wave_id=ref("wave"))},
        roles(director=full((), {"wave"})),
    ),
    # account plans: the account's team works on them, only directors delete
    # them; a portal contact reads the published plans of their account.
    # Nobody plans for an account they are not on, even naming themselves
    # its account manager
    "qsr.account.plan": Spec(
        {"a": "plan_a", "a_draft": "plan_a_draft", "b": "plan_b"},
        same({"color": 3}),
        {
            "a": vals(
                partner_id=ref("account_a"),
                date_start="2043-01-01",
                date_end="2043-12-31",
            ),
            "b": vals(
                partner_id=ref("account_b"),
                date_start="2043-01-01",
                date_end="2043-12-31",
            ),
            "b_as_own": vals(
                partner_id=ref("account_b"),
                user_id=me,
                date_start="2044-01-01",
                date_end="2044-12-31",
            ),
        },
        roles(
            portal_a=read_only({"a"}),
            portal_b=read_only({"b"}),
            am_a=rights({"a", "a_draft"}, {"a", "a_draft"}, {"a"}),
            no_team=rights((), (), ()),
            circulation=rights((), (), ()),
            director=full({"a", "a_draft", "b"}, {"a", "b", "b_as_own"}),
        ),
    ),
    "qsr.account.plan.objective": Spec(
        {"a": "objective_a", "a_draft": "objective_a_draft", "b": "objective_b"},
        same({"state": "done"}),
        {
            "a": vals(plan_id=ref("plan_a"), name="New objective"),
            "b": vals(plan_id=ref("plan_b"), name="New objective"),
        },
        roles(
            portal_a=read_only({"a"}),
            portal_b=read_only({"b"}),
            am_a=full({"a", "a_draft"}, {"a"}),
            no_team=outsider(),
            circulation=outsider(),
            director=full({"a", "a_draft", "b"}, {"a", "b"}),
        ),
    ),
    # models of other addons the QSR addons extend: their own rights hold
    "res.partner": Spec(
        {"a": "account_a", "b": "account_b"},
        lambda test, record, user: {"qsr_account_manager_id": user.id},
        {"a": vals(name="New Account", is_company=True)},
        roles(
            default=read_only({"a", "b"}),
            public=read_only(()),
            portal_a=read_only({"a"}),
            portal_b=read_only({"b"}),
        ),
    ),
    "crm.lead": Spec(
        {"a": "lead_a"},
        same({"name": "Renamed"}),
        {"a": vals(name="New lead", partner_id=ref("account_a"))},
        roles(),
    ),
    # the meeting of review A: the calendar's own rights (its attendees on the
    # portal read it)
    "calendar.event": Spec(
        {"a": "event_a"},
        same({"name": "Moved"}),
        {
            "a": vals(
                name="New meeting",
                start="2099-06-01 09:00:00",
                stop="2099-06-01 10:00:00",
            )
        },
        roles(
            default=full({"a"}, {"a"}),
            public=NOTHING,
            portal_a=read_only({"a"}),
            portal_b=read_only(()),
        ),
    ),
    "res.config.settings": Spec({}, same({}), {"settings": vals()}, roles()),
    # the other QSR addons, when installed
    "qsr.workshop.issue": of_review(
        "issue", {"title": "Renamed"}, on_reviews(title="New issue")
    ),
    # a portal contact reads the action plan of their account's workshops
    "qsr.workshop.action": with_roles(
        of_review(
            "action",
            {"name": "Renamed"},
            on_reviews(name="New action", side="ours", owner_user_id=me),
        ),
        portal_a=read_only({"a"}),
        portal_b=read_only({"b"}),
    ),
    "qsr.interview.answer": of_review(
        "answer", {"notes": "Noted"}, on_reviews(question="Anything else?")
    ),
    "qsr.interview.guide": configuration(
        ("guide",), {"name": "Renamed"}, {"guide": vals(name="Short guide")}
    ),
    "qsr.interview.guide.question": configuration(
        ("guide_question",),
        {"question": "Reworded?"},
        {"guide_question": vals(guide_id=ref("guide"), question="Why?")},
    ),
    "qsr.won.lost.reason": configuration(
        ("reason",), {"name": "Renamed"}, {"reason": vals(name="Delivery")}
    ),
}

# Models of the addons without records of their own: each is covered elsewhere.
NOT_IN_MATRIX = {
    "qsr.sql.view.mixin": "abstract: the SQL views that use it are in the matrix",
    "qsr.account.team.mixin": "abstract: reviews and account plans are in the matrix",
    "qsr.deadline.mixin": "abstract: gaps and improvements are in the matrix",
    "qsr.report.mixin": "abstract: the SQL views that use it are in the matrix",
    "qsr.report.priority.mixin": "abstract: its SQL views are in the matrix",
    "qsr.dashboard": "abstract: test_dashboard_by_role",
    "qsr.grid.engine.mixin": "abstract: renews the grids' engine cache key",
    "ir.http": "abstract: qsr_simalto lends its terms to the portal's scripts",
    "report.qsr_reporting.report_qsr_review_internal": "renderer: report routes",
    "report.qsr_reporting.report_qsr_review_customer": "renderer: report routes",
    "report.qsr_reporting.report_qsr_review_xlsx": "renderer: report routes",
    "report.qsr_reporting.report_qsr_portfolio_xlsx": "renderer: report routes",
    "report.qsr_reporting.report_qsr_package_comparison_xlsx": (
        "renderer: test_package_comparison"
    ),
}

# Models of the other QSR addons whose rights their own tests check.
COVERED_ELSEWHERE = {
    "qsr.interview.report": "qsr_interview/tests/test_access.py, test_portal.py",
    "qsr.interview.report.revision": "qsr_interview/tests/test_access.py",
    "qsr.report.won.lost": "qsr_won_lost/tests/test_access.py",
    "qsr.report.win.loss": "qsr_won_lost/tests/test_access.py",
    "qsr.value.survey.wizard": "qsr_value_survey/tests/test_access.py",
    "qsr.value.survey.wizard.skip": "qsr_value_survey/tests/test_access.py",
}

# Who may call the dashboard of the sales directors (it reads with the user's
# rights, so an account manager gets the figures of their own accounts).
DASHBOARD = {AM_A, NO_TEAM, CIRCULATION, DIRECTOR}


class _Rollback(Exception):
    """Undoes an operation that the role was allowed to do."""


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrixCommon):
    def setUp(self):
        super().setUp()
        self.enterContext(
            mute_logger(
                "odoo.addons.base.models.ir_model",
                "odoo.addons.base.models.ir_rule",
                "odoo.sql_db",
            )
        )

    # helpers

    def _records(self, spec):
        return {
            key: getattr(self, attr).sudo(False) for key, attr in spec.records.items()
        }

    def _attempt(self, operation, business_ok=False):
        """Whether the current role may do ``operation`` (rolled back): False
        on AccessError. A business refusal (UserError, ValidationError, a
        foreign key) after the access checks counts as allowed when
        ``business_ok``, else it fails the test."""
        try:
            with self.env.cr.savepoint():
                operation()
                self.env.flush_all()
                raise _Rollback
        except _Rollback:
            return True
        except AccessError:
            return False
        except (UserError, ValidationError, IntegrityError):
            if business_ok:
                return True
            raise
        finally:
            self.env.invalidate_all()

    def _check(self, operation, check_cell):
        """Run ``check_cell(model, spec, role, user, cell)`` over the matrix
        and fail once with every cell that disagrees."""
        mismatches = []
        for model, spec in MATRIX.items():
            if model not in self.env:  # an addon that is not installed
                continue
            for role in ROLES:
                user = self.users[role]
                cell = getattr(spec.roles[role], operation)
                for problem in check_cell(model, spec, role, user, cell):
                    mismatches.append(f"{model} / {role} / {operation}: {problem}")
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))

    # the table itself

    def test_every_model_is_in_the_matrix(self):
        """A model added to one of the addons fails here until the matrix says
        who may do what with it."""
        addons = self.env["ir.module.module"].search(
            [("name", "=like", "qsr\\_%"), ("state", "=", "installed")]
        )
        self.assertTrue(set(ADDONS) <= set(addons.mapped("name")))
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.model"), ("module", "in", addons.mapped("name"))]
        )
        models = set(self.env["ir.model"].browse(data.mapped("res_id")).mapped("model"))
        self.assertIn("qsr.review", models)
        missing = models - set(MATRIX) - set(NOT_IN_MATRIX) - set(COVERED_ELSEWHERE)
        self.assertFalse(missing, f"Models missing from the access matrix: {missing}")
        for model in NOT_IN_MATRIX:
            self.assertTrue(self.env[model]._abstract, f"{model} has records")
        for model, spec in MATRIX.items():
            self.assertEqual(set(spec.roles), set(ROLES), model)

    # the cells

    def test_read(self):
        def check(model, spec, role, user, cell):
            records = self._records(spec)
            Model = self.env[model].with_user(user)
            if cell is None:
                if self._attempt(lambda: Model.search([], limit=1)):
                    yield "search allowed, expected AccessError"
                for key, record in records.items():
                    if self._attempt(lambda r=record: r.with_user(user).read(["id"])):
                        yield f"read {key} allowed, expected AccessError"
                return
            everything = self.env[model].browse()
            for record in records.values():
                everything |= record
            found = Model.search([("id", "in", everything.ids)])
            expected = self.env[model].browse()
            for key in cell:
                expected |= records[key]
            if set(found.ids) != set(expected.ids):
                names = sorted(k for k, r in records.items() if r & found.sudo())
                yield f"finds {names}, expected {sorted(cell)}"
            for key, record in records.items():
                allowed = self._attempt(
                    lambda r=record: r.with_user(user).check_access("read")
                )
                if allowed != (key in cell):
                    yield f"read {key}: {'allowed' if allowed else 'denied'}"

        self._check("read", check)

    def test_write(self):
        def check(model, spec, role, user, cell):
            for key, records in self._records(spec).items():
                for record in records:
                    values = spec.write(self, record, user)
                    allowed = self._attempt(
                        lambda r=record, v=values: r.with_user(user).write(v),
                        business_ok=True,
                    )
                    if allowed != (cell is not None and key in cell):
                        yield f"write {key} ({record.id}): " + (
                            "allowed" if allowed else "denied"
                        )

        self._check("write", check)

    def test_create(self):
        def check(model, spec, role, user, cell):
            Model = self.env[model].with_user(user)
            for key, make_vals in spec.create.items():
                values = make_vals(self, user)
                allowed = self._attempt(lambda v=values: Model.create(v))
                if allowed != (cell is not None and key in cell):
                    yield f"create {key}: {'allowed' if allowed else 'denied'}"

        self._check("create", check)

    def test_unlink(self):
        def check(model, spec, role, user, cell):
            for key, records in self._records(spec).items():
                allowed = self._attempt(
                    lambda r=records: r.with_user(user).unlink(), business_ok=True
                )
                if allowed != (cell is not None and key in cell):
                    yield f"unlink {key}: {'allowed' if allowed else 'denied'}"

        self._check("unlink", check)

    def test_dashboard_by_role(self):
        for role, user in self.users.items():
            Dashboard = self.env["qsr.dashboard"].with_user(user)
            allowed = self._attempt(lambda D=Dashboard: D.get_data(self.wave.id))
            self.assertEqual(allowed, role in DASHBOARD, role)
