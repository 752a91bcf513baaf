from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.qsr_review.tests.common import new_portal_contact
from odoo.addons.qsr_simalto.analysis import package_planner, simalto_engine

from .package_common import PackageCommon


@tagged("post_install", "-at_install")
class TestPackage(PackageCommon):
    # figures

    def test_starts_at_the_typical_levels(self):
        package = self.package
        self.assertEqual(
            package.line_ids.attribute_id, self.response_time | self.in_full
        )
        self.assertNotIn(self.price_row, package.line_ids.attribute_id)
        rt, inf = (
            self._line(package, self.response_time),
            self._line(package, self.in_full),
        )
        self.assertEqual(
            (rt.typical_level_id, rt.acceptable_level_id, rt.level_id),
            (self.rt[0], self.rt[1], self.rt[0]),
        )
        self.assertEqual(
            (inf.typical_level_id, inf.acceptable_level_id, inf.level_id),
            (self.inf[0], self.inf[0], self.inf[0]),
        )
        self.assertFalse(package.line_ids.filtered("is_changed"))
        # K1, K2, K4 and K3: 4 respondents of 4 accounts; nobody has both
        # rows acceptable at the typical levels, everybody one of two
        self.assertEqual((package.respondent_count, package.account_count), (4, 4))
        self.assertAlmostEqual(package.acceptable_share, 0.0)
        self.assertAlmostEqual(package.rows_acceptable, 0.5)
        self.assertAlmostEqual(package.cost, 0.0)
        self.assertAlmostEqual(rt.distress_share, 1.0)
        self.assertEqual(rt.distress_partner_ids, self.key_accounts)
        self.assertFalse(inf.distress_partner_ids)
        self.assertTrue(package.date_figures)

    def test_figures_equal_the_engine(self):
        package = self.package
        self._line(package, self.response_time).level_id = self.rt[1]
        self._line(package, self.in_full).level_id = self.inf[2]
        frames = self._frames(self._key_responses())
        plan = {self.response_time.id: self.rt[1].id, self.in_full.id: self.inf[2].id}
        figures = simalto_engine.what_if(*frames[:4], frames[4], plan)
        self.assertEqual(package.respondent_count, figures["respondent_count"])
        self.assertAlmostEqual(package.acceptable_share, figures["acceptable_share"])
        self.assertAlmostEqual(package.rows_acceptable, figures["rows_acceptable"])
        self.assertAlmostEqual(package.match_mean, figures["match_mean"])
        self.assertAlmostEqual(package.cost, figures["cost_difference"])
        self.assertAlmostEqual(package.wtp_covered, figures["wtp_covered"], delta=0.01)
        # rt L2 makes every row acceptable to everybody, for 4 + 7 points
        self.assertAlmostEqual(package.acceptable_share, 1.0)
        self.assertAlmostEqual(package.cost, 11.0)
        self.assertTrue(package.wtp_covered > 0)

        rows = package_planner.package_rows(*frames).set_index("attribute_id")
        distress = package_planner.package_distress(*frames[:4], frames[4], plan)
        distress = distress.set_index("attribute_id")
        for line in package.line_ids:
            row = rows.loc[line.attribute_id.id]
            self.assertEqual(line.typical_level_id.id, row["typical_level_id"])
            self.assertEqual(line.acceptable_level_id.id, row["acceptable_level_id"])
            self.assertEqual(line.bought_level_id.id, row["bought_level_id"])
            row = distress.loc[line.attribute_id.id]
            self.assertAlmostEqual(line.distress_share, row["distress_share"])
            self.assertEqual(
                sorted(line.distress_partner_ids.ids), list(row["account_ids"])
            )
            self.assertAlmostEqual(line.wtp_covered, row["wtp_covered"], delta=0.01)
        self.assertTrue(self._line(package, self.in_full).is_changed)

    def test_supplier_cost(self):
        self.rt[1].supplier_cost = 1500.0
        self.rt[2].supplier_cost = 4000.0
        package = self.package
        self._line(package, self.response_time).level_id = self.rt[1]
        self.assertAlmostEqual(
            self._line(package, self.response_time).supplier_cost, 1500.0
        )
        self.assertAlmostEqual(package.supplier_cost, 4 * 1500.0, msg="4 accounts")

    def test_new_submission_in_scope_updates_the_figures(self):
        package = self.package
        self._line(package, self.response_time).level_id = self.rt[1]
        self.assertAlmostEqual(package.acceptable_share, 1.0)
        # K6, Key tier, wants response time L3
        account, response = self._new_account_answer(
            "K6",
            self.tier_key,
            {self.response_time: (1, 3, 4), self.in_full: (1, 1, 4)},
            [{self.in_full: 3}, {self.in_full: 4, self.response_time: 2}],
        )
        self.assertEqual(package.respondent_count, 4, "not submitted yet")
        response.action_submit()
        self.assertTrue(package.figures_outdated)
        self.assertEqual(package.respondent_count, 4, "updated by the job")
        self._run_package_job()
        self.assertFalse(package.figures_outdated)
        self.assertEqual((package.respondent_count, package.account_count), (5, 5))
        self.assertAlmostEqual(package.acceptable_share, 0.8)
        rt = self._line(package, self.response_time)
        self.assertEqual(rt.distress_partner_ids, account)
        self.assertAlmostEqual(rt.distress_share, 0.2)
        # reopened: out of the figures again
        response.state = "progress"
        self._run_package_job()
        self.assertEqual(package.respondent_count, 4)
        self.assertAlmostEqual(package.acceptable_share, 1.0)
        self.assertFalse(rt.distress_partner_ids)

    def test_influence_weight_updates_the_figures(self):
        package = self.package
        self._line(package, self.response_time).level_id = self.rt[2]
        self._line(package, self.in_full).level_id = self.inf[2]
        # every row matches K4's final levels, half of them the others'
        self.assertAlmostEqual(package.match_mean, (3 * 0.5 + 1) / 4)
        self.reviews["K4"].participant_ids.contact_level = "executive"
        weight = self.reviews["K4"].response_ids.weight
        self.assertGreater(weight, 1)
        self._run_package_job()
        self.assertAlmostEqual(package.match_mean, (3 * 0.5 + weight) / (3 + weight))

    def test_submission_out_of_scope_changes_nothing(self):
        package = self.package
        package.date_figures = "2000-01-01 00:00:00"
        _account, response = self._new_account_answer(
            "K7",
            self.tier_strategic,
            {self.response_time: (1, 3, 4), self.in_full: (1, 1, 4)},
            [{self.in_full: 3}, {self.in_full: 4, self.response_time: 2}],
        )
        response.action_submit()
        self.assertFalse(package.figures_outdated)
        self.env["qsr.package"]._cron_update_figures()
        self.assertEqual(package.respondent_count, 4)
        self.assertEqual(str(package.date_figures), "2000-01-01 00:00:00")

    def test_without_a_wave_each_account_counts_once(self):
        package = self.env["qsr.package"].create(
            {
                "name": "Key, latest",
                "grid_id": self.grid.id,
                "tier_id": self.tier_key.id,
            }
        )
        self.assertEqual((package.respondent_count, package.account_count), (4, 4))
        # K1 answers again a wave later: its new answers replace the old ones
        wave_2 = self.env["qsr.wave"].create(
            {"name": "2041 Q2", "date_start": "2041-04-01", "date_end": "2041-06-30"}
        )
        first = self.reviews["K1"]
        review = self.env["qsr.review"].create(
            {
                "partner_id": first.partner_id.id,
                "date_planned": "2041-05-01",
                "wave_id": wave_2.id,
                "grid_id": self.grid.id,
                "review_type": "simalto",
                "participant_ids": [
                    Command.create({"partner_id": first.participant_ids.partner_id.id})
                ],
            }
        )
        review.action_next_stage()
        response = review.response_ids
        self._answer(
            response,
            {self.response_time: (1, 1, 4), self.in_full: (1, 1, 4)},
            [{self.in_full: 3}, {self.in_full: 4}],
        )
        self._answer_price_row(response)
        response.action_submit()
        self._run_package_job()
        self.assertEqual((package.respondent_count, package.account_count), (4, 4))
        self.assertEqual(
            self._line(package, self.response_time).distress_partner_ids,
            self.key_accounts - self.accounts["K1"],
            "K1 now accepts response time L1",
        )
        self.assertEqual(self.package.respondent_count, 4, "the wave's package")

    def test_scope_change_follows_the_typical_levels(self):
        package = self.package
        self._line(package, self.in_full).level_id = self.inf[1]
        # K3 alone receives rt L2 today: its typical level
        package.write(
            {"scope": "accounts", "partner_ids": [Command.set(self.accounts["K3"].ids)]}
        )
        rt = self._line(package, self.response_time)
        self.assertEqual(rt.typical_level_id, self.rt[1], "K3 receives L2 today")
        self.assertEqual(rt.level_id, self.rt[1], "an unchanged row follows")
        self.assertEqual(self._line(package, self.in_full).level_id, self.inf[1])
        self.assertEqual(package.respondent_count, 1)

    def test_form(self):
        form = Form(self.env["qsr.package"].with_user(self.user_director))
        form.name = "Key tier by hand"
        form.grid_id = self.grid
        form.tier_id = self.tier_key
        form.wave_id = self.wave
        package = form.save()
        self.assertEqual(package.scope, "tier", "the default scope")
        self.assertEqual(package.respondent_count, 4)
        with Form(package) as form:
            index = package.line_ids.ids.index(
                self._line(package, self.response_time).id
            )
            with form.line_ids.edit(index) as line:
                line.level_id = self.rt[1]
        self.assertAlmostEqual(package.acceptable_share, 1.0)
        self.assertAlmostEqual(package.cost, 4.0)
        copy = package.copy()
        self.assertEqual(self._plan(copy), self._plan(package))
        self.assertAlmostEqual(copy.cost, 4.0)

    # find best package

    def _plan(self, package):
        return {line.attribute_id.id: line.level_id.id for line in package.line_ids}

    def _find_best(self, package, **values):
        action = package.action_find_best_package()
        form = Form(
            self.env[action["res_model"]].with_context(**action["context"]),
        )
        for name, value in values.items():
            if name == "attribute_ids":
                form.attribute_ids.clear()
                for row in value:
                    form.attribute_ids.add(row)
            else:
                setattr(form, name, value)
        wizard = form.save()
        wizard.action_apply()
        return wizard

    def test_find_best_package_within_the_budget(self):
        package = self.package
        frames = self._frames(self._key_responses())
        for objective, budget in (
            ("rows_acceptable", 10.0),
            ("acceptable_share", 3.0),
            ("wtp", 10.0),
        ):
            with self.subTest(objective=objective):
                self._find_best(package, budget=budget, objective=objective)
                best = package_planner.best_package(
                    *frames[:4], frames[4], budget, objective=objective
                )
                self.assertEqual(
                    {
                        line.attribute_id.id: line.level_id.id
                        for line in package.line_ids
                    },
                    best.package,
                )
                self.assertLessEqual(package.cost, budget)
                self.assertAlmostEqual(package.cost, best.cost)
                value = {
                    "rows_acceptable": package.rows_acceptable,
                    "acceptable_share": package.acceptable_share,
                    "wtp": package.wtp_covered,
                }[objective]
                self.assertAlmostEqual(value, best.value, delta=0.01)
        # rows_acceptable within 10 points: rt L2 (4 points) makes every row
        # acceptable to everybody
        self._find_best(package, budget=10.0)
        self.assertEqual(self._line(package, self.response_time).level_id, self.rt[1])
        self.assertAlmostEqual(package.rows_acceptable, 1.0)
        self.assertIn("Response time", package.explanation)
        self.assertIn("Response time", package.message_ids[0].body)

    def test_find_best_package_rows_it_may_change(self):
        package = self.package
        self._find_best(package, budget=30.0, objective="wtp")
        wizard = self._find_best(
            package,
            budget=30.0,
            objective="wtp",
            attribute_ids=self.in_full,
        )
        self.assertEqual(wizard.attribute_ids, self.in_full)
        self.assertEqual(
            self._line(package, self.response_time).level_id,
            self.rt[0],
            "a row it may not change stays at its typical level",
        )

    def test_find_best_package_money_budget(self):
        package = self.package
        with self.assertRaises(UserError):
            self.env["qsr.package.best.wizard"].create(
                {"package_id": package.id, "budget_unit": "money"}
            ).action_apply()
        for levels, step in ((self.rt, 2000.0), (self.inf, 500.0)):
            for index, level in enumerate(levels):
                level.supplier_cost = index * step
        self._find_best(package, budget=1000.0, budget_unit="money")
        frames = self._frames(self._key_responses())
        best = package_planner.best_package(
            *frames[:4], frames[4], 1000.0, cost_column="supplier_cost"
        )
        self.assertEqual(self._plan(package), best.package)
        self.assertEqual(self._line(package, self.response_time).level_id, self.rt[0])
        self.assertLessEqual(package.supplier_cost / package.account_count, 1000.0)

    def test_reset_to_typical(self):
        package = self.package
        self._line(package, self.response_time).level_id = self.rt[3]
        self.assertAlmostEqual(package.cost, 16.0)
        package.action_reset_to_typical()
        self.assertEqual(self._line(package, self.response_time).level_id, self.rt[0])
        self.assertAlmostEqual(package.cost, 0.0)

    # from package to action

    def _account_package(self, key, user=None):
        return (
            self.env["qsr.package"]
            .with_user(user or self.user_director)
            .create(
                {
                    "name": f"{key} package",
                    "scope": "account",
                    "review_id": self.reviews[key].id,
                }
            )
        )

    def test_propose_creates_gaps(self):
        package = self._account_package("K1")
        self.assertEqual((package.grid_id, package.wave_id), (self.grid, self.wave))
        self.assertEqual(package.partner_id, self.accounts["K1"])
        self.assertEqual(package.respondent_count, 1)
        self._line(package, self.response_time).level_id = self.rt[1]
        package.action_propose()
        gap = package.gap_ids
        self.assertEqual(len(gap), 1)
        self.assertEqual(gap.name, "Response time: 24 h")
        self.assertEqual(
            (gap.review_id, gap.attribute_id), (self.reviews["K1"], self.response_time)
        )
        self.assertEqual(package.state, "proposed")
        package.action_propose()
        self.assertEqual(len(self.reviews["K1"].gap_ids), 1, "no second gap")

    def test_plan_for_all_creates_improvements(self):
        package = self.package.with_user(self.user_director)
        self._line(package, self.response_time).level_id = self.rt[1]
        self._line(package, self.in_full).level_id = self.inf[1]
        package.action_plan_for_all()
        self.assertEqual(package.state, "planned")
        improvements = package.improvement_ids
        self.assertEqual(len(improvements), 2)
        self.assertEqual(
            improvements.aspect_id,
            self.response_time.aspect_id | self.in_full.aspect_id,
        )
        for improvement in improvements:
            self.assertEqual(improvement.grid_id, self.grid.first_version_id)
            self.assertEqual(
                (improvement.wave_id, improvement.tier_id), (self.wave, self.tier_key)
            )
            self.assertEqual(improvement.gap_ids.partner_id, self.key_accounts)
            self.assertEqual(len(improvement.gap_ids), 4)
            self.assertEqual(improvement.gap_ids.package_id, package)
        rt = improvements.filtered(
            lambda i: i.aspect_id == self.response_time.aspect_id
        )
        self.assertEqual(rt.name, "Response time: 24 h")
        self.assertEqual(rt.gap_ids.attribute_id, self.response_time)
        self.assertEqual(len(package.gap_ids), 8)

    # errors

    def test_user_errors(self):
        Package = self.env["qsr.package"]
        with self.assertRaises(ValidationError):
            Package.create({"name": "No tier", "grid_id": self.grid.id})
        with self.assertRaises(ValidationError):
            Package.create(
                {"name": "No review", "grid_id": self.grid.id, "scope": "account"}
            )
        with self.assertRaises(ValidationError):
            self._line(self.package, self.response_time).level_id = self.inf[1]
        with self.assertRaises(UserError):
            self.package.action_plan_for_all()  # nothing changed
        with self.assertRaises(UserError):
            self.package.action_propose()  # not one account
        account_package = self._account_package("K1")
        with self.assertRaises(UserError):
            account_package.action_propose()  # nothing changed
        self._line(account_package, self.response_time).level_id = self.rt[1]
        with self.assertRaises(UserError):
            account_package.action_plan_for_all()
        empty = Package.create(
            {
                "name": "Nobody answered",
                "grid_id": self.grid.id,
                "scope": "tier",
                "tier_id": self.tier_maintain.id,
            }
        )
        self.assertEqual(empty.respondent_count, 0)
        self.assertEqual(len(empty.line_ids), 2, "at the zero levels")
        self.assertEqual(
            self._line(empty, self.response_time).level_id, self.rt[0], "cost 0"
        )
        with self.assertRaises(UserError):
            self._find_best(empty, budget=10.0)
        with self.assertRaises(UserError):
            self._find_best(self.package, budget=-1.0)

    # access

    def test_access(self):
        director_k1 = self._account_package("K1")
        director_k2 = self._account_package("K2")
        own = self._account_package("K1", user=self.user_am_a)
        packages = self.package | director_k1 | director_k2 | own
        Package = self.env["qsr.package"]
        self.assertEqual(
            Package.with_user(self.user_am_a).search([("id", "in", packages.ids)]),
            director_k1 | own,
            "own packages and those of a visible review",
        )
        self.assertEqual(
            Package.with_user(self.user_director).search([("id", "in", packages.ids)]),
            packages,
        )
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaises(AccessError),
        ):
            self.package.with_user(self.user_am_a).line_ids.read(["level_id"])
        # a tier package would tell a QSR user about accounts they do not see
        with self.assertRaises(AccessError):
            Package.with_user(self.user_am_a).create(
                {
                    "name": "Key tier",
                    "grid_id": self.grid.id,
                    "tier_id": self.tier_key.id,
                    "wave_id": self.wave.id,
                }
            )

    def test_portal_has_no_access(self):
        portal = new_portal_contact(
            self.env, self.accounts["K1"], "t_qsr_pkg_portal", "Paula Portal"
        )
        own = self._account_package("K1")
        for model, records in (
            ("qsr.package", own),
            ("qsr.package.line", own.line_ids),
        ):
            with (
                mute_logger("odoo.addons.base.models.ir_model"),
                self.assertRaises(AccessError),
            ):
                self.env[model].with_user(portal).browse(records.ids).read(["id"])
            with (
                mute_logger("odoo.addons.base.models.ir_model"),
                self.assertRaises(AccessError),
            ):
                self.env[model].with_user(portal).search([])
        # money and supplier costs are internal wherever they are
        self.rt[1].supplier_cost = 1500.0
        for record, name in (
            (own, "wtp_covered"),
            (own, "supplier_cost"),
            (own.line_ids[:1], "wtp_covered"),
            (own.line_ids[:1], "supplier_cost"),
            (self.rt[1], "supplier_cost"),
        ):
            with self.subTest(model=record._name, field=name):
                self.assertEqual(
                    record._fields[name].groups, "qsr_review.group_qsr_user"
                )
                self.assertNotIn(name, record.with_user(portal).fields_get())
        with (
            mute_logger("odoo.addons.base.models.ir_model"),
            self.assertRaises(AccessError),
        ):
            self.rt[1].with_user(portal).read(["supplier_cost"])
