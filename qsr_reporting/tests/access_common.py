from odoo.fields import Command

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.qsr_simalto.tests.common import SimaltoCommon

# The roles of the access matrix, in the order the tables list them.
PUBLIC = "public"
PORTAL_A = "portal_a"  # a customer contact of account A (answers a grid of A)
PORTAL_B = "portal_b"  # a customer contact of account B
AM_A = "am_a"  # QSR user who manages account A
NO_TEAM = "no_team"  # QSR user who manages no account and is on no team
DIRECTOR = "director"  # QSR manager (administrator)
CIRCULATION = "circulation"  # QSR user on the circulation list of a council
INTERNAL = "internal"  # internal user without QSR rights
ROLES = (PUBLIC, PORTAL_A, PORTAL_B, AM_A, NO_TEAM, DIRECTOR, CIRCULATION, INTERNAL)


class AccessMatrixCommon(SimaltoCommon):
    """One user per role of the access matrix and, for every model of
    qsr_review, qsr_simalto and qsr_reporting, records of account A, of
    account B and of a confidential advisory council hosted by A.

    - Account A (Anna, ``am_a``, manages it; Bert is on its team): review A
      collects the worked example's grid; Alice's response is submitted,
      Oscar's (the ``portal_a`` user) is a draft.
    - Account B (Bert manages it; the director is on its team): review B on the
      same grid, Bob's (the ``portal_b`` user) response submitted.
    - The council of A is confidential; Victor (``circulation``) is on its
      circulation list and on nothing else.
    Each record the matrix names is an attribute ``cls.<key>``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_no_team = mail_new_test_user(
            env,
            login="t_qsr_no_team",
            name="Nina Noteam",
            groups="qsr_review.group_qsr_user",
        )
        cls.user_circulation = cls.user_sponsor
        cls.user_public = env.ref("base.public_user")
        cls.user_portal_a = cls._portal_user(cls.contact_a_user, "t_qsr_portal_a")
        cls.user_portal_b = cls._portal_user(cls.contact_b, "t_qsr_portal_b")
        cls.users = {
            PUBLIC: cls.user_public,
            PORTAL_A: cls.user_portal_a,
            PORTAL_B: cls.user_portal_b,
            AM_A: cls.user_am_a,
            NO_TEAM: cls.user_no_team,
            DIRECTOR: cls.user_director,
            CIRCULATION: cls.user_circulation,
            INTERNAL: cls.user_internal,
        }
        cls.wave = env["qsr.wave"].create(
            {"name": "2041 Q1", "date_start": "2041-01-01", "date_end": "2041-03-31"}
        )

        # account A: Alice submits, Oscar (portal_a) keeps a draft
        rt, inf = cls.response_time, cls.in_full
        cls._answer(
            cls.response_a, {rt: (1, 2, 4), inf: (2, 2, 3)}, [{rt: 3}, {inf: 3}]
        )
        cls.response_a.action_submit()
        cls.resp_alice = cls.response_a
        cls.resp_oscar = cls.response_b
        # account B: Bob (portal_b) submits
        cls.review_b.write({"grid_id": cls.grid.id, "review_type": "simalto"})
        cls.review_b.action_next_stage()  # collect
        cls.resp_bob = cls.review_b.response_ids
        cls._answer(cls.resp_bob, {rt: (2, 3, 4), inf: (3, 2, 4)}, [{rt: 3}, {inf: 4}])
        cls.resp_bob.action_submit()
        (cls.review_a | cls.review_b).wave_id = cls.wave
        for response in cls.resp_alice | cls.resp_oscar | cls.resp_bob:
            response._portal_ensure_token()

        # extended account teams
        TeamMember = env["qsr.account.team.member"]
        cls.team_a = TeamMember.create(
            {
                "partner_id": cls.account_a.id,
                "user_id": cls.user_am_b.id,
                "function": "technical",
            }
        )
        cls.team_b = TeamMember.create(
            {
                "partner_id": cls.account_b.id,
                "user_id": cls.user_director.id,
                "function": "management",
            }
        )

        # the confidential council of A, where B is represented
        cls.council = env["qsr.review"].create(
            {
                "partner_id": cls.account_a.id,
                "review_type": "council",
                "circulation_user_ids": [Command.link(cls.user_circulation.id)],
                "council_account_ids": [Command.link(cls.account_b.id)],
                "participant_ids": [Command.create({"partner_id": cls.contact_b.id})],
            }
        )
        cls.theme = env["qsr.council.theme"].create(
            {"name": "Supply risk", "review_id": cls.council.id}
        )

        # what hangs off every review: gaps, discussion points, resources
        cls.reviews = {"a": cls.review_a, "b": cls.review_b, "council": cls.council}
        for key, review in cls.reviews.items():
            setattr(
                cls,
                f"gap_{key}",
                env["qsr.gap"].create({"name": f"Gap {key}", "review_id": review.id}),
            )
            setattr(
                cls,
                f"point_{key}",
                env["qsr.review.discussion.point"].create(
                    {
                        "name": f"Point {key}",
                        "review_id": review.id,
                        "user_id": cls.user_director.id,
                    }
                ),
            )
            setattr(
                cls,
                f"engagement_{key}",
                env["qsr.review.engagement"].create(
                    {
                        "review_id": review.id,
                        "user_id": cls.user_director.id,
                        "action": f"Brief the team ({key})",
                    }
                ),
            )
            setattr(cls, f"participants_{key}", review.participant_ids)

        # contacts to add to a review, and a participant of each grid without
        # a response yet (to create one)
        cls.spare_a, cls.spare_b = env["res.partner"].create(
            [
                {"name": "Sam Spare", "parent_id": cls.account_a.id},
                {"name": "Sue Spare", "parent_id": cls.account_b.id},
            ]
        )
        cls.spare_participant_a, cls.spare_participant_b = env[
            "qsr.review.participant"
        ].create(
            [
                {"review_id": cls.review_a.id, "partner_id": cls.spare_a.id},
                {"review_id": cls.review_b.id, "partner_id": cls.spare_b.id},
            ]
        )
        cls.participants_a |= cls.spare_participant_a
        cls.participants_b |= cls.spare_participant_b
        cls.spare_a2 = env["res.partner"].create(
            {"name": "Saul Spare", "parent_id": cls.account_a.id}
        )
        cls.spare_b2 = env["res.partner"].create(
            {"name": "Seth Spare", "parent_id": cls.account_b.id}
        )

        # configuration: a grid still being built (the answered one is
        # frozen), and a row of it that no response has a line for
        cls.config_grid = cls.grid.copy({"name": "Grid being built"})
        cls.extra_attribute = env["qsr.grid.attribute"].create(
            {"name": "Extra row", "area_id": cls.config_grid.area_ids.id, "sequence": 9}
        )

        cls.lines_a = (cls.resp_alice | cls.resp_oscar).line_ids
        cls.lines_b = cls.resp_bob.line_ids
        cls.choices_a = cls.lines_a.choice_ids
        cls.choices_b = cls.lines_b.choice_ids
        cls.line_oscar_rt = cls.resp_oscar.line_ids.filtered(
            lambda line: line.attribute_id == rt
        )
        cls.line_bob_inf = cls.resp_bob.line_ids.filtered(
            lambda line: line.attribute_id == inf
        )

        # configuration
        cls.tier = cls.tier_key
        cls.tier_tool = cls.tier_key.tool_ids[:1]
        cls.grid_area = cls.config_grid.area_ids
        cls.grid_attribute = cls.grid_area.attribute_ids.sorted()[0]
        cls.grid_level = cls.grid_attribute.level_ids.sorted()[0]
        cls.grid_round = cls.config_grid.round_ids.sorted()[0]
        cls.aspect = env["qsr.service.aspect"].create({"name": "Spare aspect"})

        cls._setup_other_addons()

        # an account nobody manages yet, without any review
        cls.account_fresh = env["res.partner"].create(
            {"name": "Fresh Foods", "is_company": True}
        )
        cls.lead_a = env["crm.lead"].create(
            {"name": "Alpha extension", "partner_id": cls.account_a.id}
        )
        # the calendar event of review A's customer meeting, Oscar invited
        cls.review.meeting_date = "2099-05-04 09:00:00"
        cls.event_a = cls.review.meeting_event_id
        # account plans: A's and B's published, A's next one not yet; an
        # objective on each
        cls.plan_a, cls.plan_a_draft, cls.plan_b = env["qsr.account.plan"].create(
            [
                {
                    "partner_id": account.id,
                    "date_start": f"{year}-01-01",
                    "date_end": f"{year}-12-31",
                    "published": published,
                }
                for account, year, published in (
                    (cls.account_a, 2041, True),
                    (cls.account_a, 2042, False),
                    (cls.account_b, 2041, True),
                )
            ]
        )
        cls.objective_a, cls.objective_a_draft, cls.objective_b = env[
            "qsr.account.plan.objective"
        ].create(
            [
                {"plan_id": plan.id, "name": f"Objective {plan.name}"}
                for plan in (cls.plan_a, cls.plan_a_draft, cls.plan_b)
            ]
        )
        # company-wide improvements: A's account manager's, the director's
        cls.improvement_a, cls.improvement_b = env["qsr.improvement"].create(
            [
                {"name": "Answer within a day", "user_id": cls.user_am_a.id},
                {"name": "Invoices right", "user_id": cls.user_director.id},
            ]
        )
        # service packages: of one account each and of the Key tier, the
        # director's, and one of A that A's account manager owns
        Package = env["qsr.package"]
        cls.package_a, cls.package_b, cls.package_tier, cls.package_mine = (
            Package.create(
                [
                    {
                        "name": f"Package {key}",
                        "scope": "account",
                        "review_id": review.id,
                        "user_id": cls.user_director.id,
                    }
                    for key, review in (("a", cls.review_a), ("b", cls.review_b))
                ]
                + [
                    {
                        "name": "Key tier",
                        "grid_id": cls.grid.id,
                        "tier_id": cls.tier_key.id,
                        "user_id": cls.user_director.id,
                    },
                    {
                        "name": "Mine",
                        "scope": "account",
                        "review_id": cls.review_a.id,
                        "user_id": cls.user_am_a.id,
                    },
                ]
            )
        )
        for key in ("a", "b", "tier", "mine"):
            setattr(
                cls, f"package_lines_{key}", getattr(cls, f"package_{key}").line_ids
            )
        env.flush_all()

        # the SQL-view analyses, account by account
        def rows(model, field="account_id"):
            Model = env[model]
            return (
                Model.search([(field, "=", cls.account_a.id)]),
                Model.search([(field, "=", cls.account_b.id)]),
            )

        cls.rows_a, cls.rows_b = rows("qsr.report.response.line")
        cls.sums_a, cls.sums_b = rows(
            "qsr.report.review.attribute", "review_id.partner_id"
        )
        cls.sums_analysis_a, cls.sums_analysis_b = rows(
            "qsr.report.review.attribute.analysis"
        )
        cls.waves_a, cls.waves_b = rows("qsr.report.account.wave")
        Health = env["qsr.account.health"]
        cls.health_a = Health._compute_for(cls.account_a, cls.wave)
        cls.health_b = Health._compute_for(cls.account_b, cls.wave)
        cls.tools_a, cls.tools_b = rows("qsr.account.tool")
        cls.failing_rows = env["qsr.report.tolerated.failing"].search(
            [("wave_id", "=", cls.wave.id)]
        )
        assert cls.failing_rows, "failing_rows"
        for name in ("rows", "sums", "sums_analysis", "waves", "tools"):
            assert getattr(cls, f"{name}_a") and getattr(cls, f"{name}_b"), name

    @classmethod
    def _setup_other_addons(cls):
        """Records of the other QSR addons that are installed, for the rows
        of the matrix about their models."""
        env = cls.env
        if "qsr.workshop.issue" in env:
            for key, review in cls.reviews.items():
                setattr(
                    cls,
                    f"issue_{key}",
                    env["qsr.workshop.issue"].create(
                        {"review_id": review.id, "title": f"Issue {key}"}
                    ),
                )
                setattr(
                    cls,
                    f"action_{key}",
                    env["qsr.workshop.action"].create(
                        {
                            "review_id": review.id,
                            "name": f"Action {key}",
                            "side": "ours",
                            "owner_user_id": cls.user_director.id,
                        }
                    ),
                )
        if "qsr.interview.answer" in env:
            for key, review in cls.reviews.items():
                setattr(
                    cls,
                    f"answer_{key}",
                    env["qsr.interview.answer"].create(
                        {"review_id": review.id, "question": f"Question {key}?"}
                    ),
                )
            cls.guide = env["qsr.interview.guide"].create({"name": "Guide"})
            cls.guide_question = env["qsr.interview.guide.question"].create(
                {"guide_id": cls.guide.id, "question": "What matters most?"}
            )
        if "qsr.won.lost.reason" in env:
            cls.reason = env["qsr.won.lost.reason"].create({"name": "Price"})

    @classmethod
    def _portal_user(cls, contact, login):
        """A portal user whose partner is ``contact``."""
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": contact.id,
                    "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
                }
            )
        )
