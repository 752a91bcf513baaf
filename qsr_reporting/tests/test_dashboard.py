from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_simalto.tests.common import SimaltoCommon

# Waits for the dashboard's KPIs, picks wave WAVE_ID, waits for its coverage.
BROWSER_CHECK = """
(async () => {
    const find = (selector) => document.querySelector(`.o_qsr_dashboard ${selector}`);
    const until = async (check, what) => {
        for (let i = 0; i < 300; i++) {
            if (check()) {
                return;
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`The dashboard did not show ${what}.`);
    };
    const coverage = () => find(".o_qsr_kpi_coverage .o_qsr_kpi_value");
    await until(coverage, "its KPIs");
    const select = find(".o_qsr_dashboard_wave");
    select.value = "WAVE_ID";
    select.dispatchEvent(new Event("change"));
    await until(() => coverage().textContent.trim() === "67%", "the wave's coverage");
    await until(() => find(".o_qsr_area"), "the areas");
    await until(() => find(".o_qsr_health_band_risk"), "the health bands");
    console.log("test successful");
})();
"""


# when the wave's opportunities were opened and closed (UTC)
Q1 = ("2040-01-15 10:00:00", "2040-02-20 10:00:00")


@tagged("post_install", "-at_install")
class TestDashboard(HttpCase, SimaltoCommon):
    """The dashboard's figures are portfolio-wide, so the portfolio starts
    empty: no other account has a tier, and there is no gap and no lead.

    Wave 2040 Q1: Alpha Industries (Key) answers SIMALTO.md's worked example
    (an executive and an operational user); Beta Logistics (Strategic) has
    invited two contacts, neither has answered; Gamma Foods (Development) is a
    key account without a review; Delta Retail (Maintain: no cadence) is tiered
    but no key account; Epsilon Trading has no tier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Partner = env["res.partner"]
        Partner.search(
            [
                ("qsr_tier_id", "!=", False),
                ("id", "not in", (cls.account_a | cls.account_b).ids),
            ]
        ).qsr_tier_id = False
        env["qsr.gap"].search([]).unlink()
        env["crm.lead"].with_context(active_test=False).search([]).unlink()

        cls.wave = env["qsr.wave"].create(
            {"name": "2040 Q1", "date_start": "2040-01-01", "date_end": "2040-03-31"}
        )
        cls._answer_worked_example()
        cls.review.response_ids.action_submit()
        cls.contact_b_exec = Partner.create(
            {
                "name": "Bea Boss",
                "function": "COO",
                "parent_id": cls.account_b.id,
                "qsr_contact_level": "executive",
            }
        )
        cls.review_b.write(
            {
                "grid_id": cls.grid.id,
                "review_type": "simalto",
                "sponsor_id": cls.user_sponsor.id,
                "participant_ids": [
                    Command.create({"partner_id": cls.contact_b_exec.id})
                ],
            }
        )
        cls.review_b.action_next_stage()
        (cls.review | cls.review_b).wave_id = cls.wave
        cls.account_c, cls.account_d, cls.account_e = Partner.create(
            [
                {
                    "name": "Gamma Foods",
                    "is_company": True,
                    "qsr_tier_id": cls.tier_development.id,
                },
                {
                    "name": "Delta Retail",
                    "is_company": True,
                    "qsr_tier_id": cls.tier_maintain.id,
                },
                {"name": "Epsilon Trading", "is_company": True},
            ]
        )

        # gaps: Anna owns two (one overdue), Bert one (overdue), Dora one
        Gap = env["qsr.gap"]
        cls.gap_callback, _partial, cls.gap_invoices, _closed, cls.gap_upsell = (
            Gap.create(
                [
                    {
                        "name": "Call-backs too slow",
                        "review_id": cls.review.id,
                        "user_id": cls.user_am_a.id,
                        "department": "service",
                        "date_deadline": "2020-01-31",
                    },
                    {
                        "name": "Partial deliveries",
                        "review_id": cls.review.id,
                        "user_id": cls.user_am_a.id,
                        "department": "logistics",
                        "date_deadline": "2099-01-31",
                        "state": "progress",
                    },
                    {
                        "name": "Invoices without order number",
                        "review_id": cls.review_b.id,
                        "user_id": cls.user_am_b.id,
                        "department": "finance",
                        "date_deadline": "2020-02-15",
                        "state": "progress",
                    },
                    {
                        "name": "Old complaint",
                        "review_id": cls.review_b.id,
                        "user_id": cls.user_am_b.id,
                        "department": "service",
                        "date_deadline": "2020-01-01",
                        "state": "done",
                    },
                    {
                        "name": "Vendor-managed inventory",
                        "review_id": cls.review.id,
                        "user_id": cls.user_director.id,
                        "department": "logistics",
                        "expected_revenue": 5000,
                    },
                ]
            )
        )

        # opportunities
        won_stage = env["crm.stage"].create(
            {"name": "Signed", "is_won": True, "sequence": 99}
        )
        tag = env.ref("qsr_review.crm_tag_qsr")
        Lead = env["crm.lead"]

        def lead(name, partner, revenue, qsr=False, outcome=None):
            record = Lead.create(
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "expected_revenue": revenue,
                    "tag_ids": [Command.link(tag.id)] if qsr else [],
                }
            )
            if outcome == "won":
                record.stage_id = won_stage
            elif outcome == "lost":
                record.action_set_lost()
            return record

        lead("QSR follow-up", cls.account_a, 1000, qsr=True)  # QSR, ongoing
        cls.gap_upsell.action_create_opportunity()  # QSR (tag), ongoing, 5000
        cls.gap_invoices.opportunity_id = lead(
            "E-invoicing", cls.account_b, 2000, outcome="won"
        )  # QSR through its gap, won; key account won
        lead("Extra line", cls.account_a, 7000, outcome="won")  # key account won
        lead("Shelf service", cls.account_d, 300, qsr=True, outcome="lost")
        lead("Spot deal", cls.account_e, 400, outcome="lost")  # no tier
        lead("Second site", cls.contact_b, 800, outcome="lost")  # Beta, a contact
        lead("New range", cls.account_e, 600, outcome="won")  # no tier
        lead("Pilot", cls.account_c, 900, outcome="won")  # key account won
        Lead.create(
            {
                "name": "Unqualified lead",
                "type": "lead",
                "partner_id": cls.account_a.id,
                "expected_revenue": 50_000,
                "tag_ids": [Command.link(tag.id)],
            }
        )  # a lead, not an opportunity: out of the pipeline
        # all of them opened in the wave, those won or lost closed in it
        cls._set_lead_dates(Lead.with_context(active_test=False).search([]), *Q1)
        cls.won_stage, cls.tag = won_stage, tag

        cls.user_director.groups_id += env.ref("sales_team.group_sale_manager")
        cls.env.flush_all()

    @classmethod
    def _set_lead_dates(cls, leads, opened, closed):
        """Opened (created) and, for those won or lost, closed on these
        dates: the ORM stamps both with the time of the test."""
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s, date_closed = CASE "
            "WHEN date_closed IS NULL THEN NULL ELSE %s::timestamp END WHERE id IN %s",
            [opened, closed, tuple(leads.ids)],
        )
        cls.env.invalidate_all()

    def _data(self, user=None):
        return (
            self.env["qsr.dashboard"]
            .with_user(user or self.user_director)
            .get_data(self.wave.id)
        )

    def test_wave_and_default_wave(self):
        data = self._data()
        self.assertEqual(data["wave"]["id"], self.wave.id)
        self.assertIn({"id": self.wave.id, "name": "2040 Q1"}, data["waves"])
        today = fields.Date.context_today(self.env["qsr.wave"])
        started = self.env["qsr.wave"].search([("date_start", "<=", today)], limit=1)
        default = self.env["qsr.dashboard"].with_user(self.user_director).get_data()
        self.assertEqual(default["wave"]["id"], (started or self.wave).id)

    def test_coverage(self):
        coverage = self._data()["coverage"]
        # key accounts: Alpha, Beta, Gamma (Delta's tier has no cadence)
        self.assertEqual(coverage["key_accounts"], 3)
        self.assertEqual(coverage["reviewed"], 2)
        self.assertAlmostEqual(coverage["reviewed_share"], 2 / 3)
        # only Alpha's executive has answered; Beta's has not
        self.assertEqual(coverage["with_executive"], 1)
        self.assertAlmostEqual(coverage["executive_share"], 1 / 3)
        # 4 grids sent (Alpha 2, Beta 2), 2 submitted
        self.assertEqual((coverage["submitted"], coverage["invited"]), (2, 4))
        self.assertAlmostEqual(coverage["response_rate"], 0.5)

    def test_priority_and_distress_by_area(self):
        data = self._data()
        [area] = data["areas"]
        self.assertEqual(area["name"], "Service")
        # two rows, each respondent spends all points on them: 100 / 2 rows
        self.assertAlmostEqual(area["priority_index"], 50.0)
        # A in distress on Response time (4), B on Delivered in full (1), of 10
        self.assertAlmostEqual(area["distress_share"], (4 + 1) / 10)
        self.assertAlmostEqual(area["performance"], 100 * (4 * 1 / 3 + 1 / 3) / 10)
        self.assertEqual(area["accounts"], 1)
        rt, inf = data["priorities"]
        self.assertEqual(rt["id"], self.response_time.id)
        self.assertAlmostEqual(rt["priority_index"], 100 * (4 * 10 / 14 + 6 / 13) / 5)
        self.assertAlmostEqual(rt["distress_share"], 0.8)
        self.assertAlmostEqual(inf["priority_index"], 100 * (4 * 4 / 14 + 7 / 13) / 5)

    def test_one_grid_at_a_time(self):
        """A second grid answered in the wave is offered as a choice, never
        pooled with the first: areas and priorities are those of one grid."""
        other = self.grid.copy({"name": "Value check"})
        contact = self.env["res.partner"].create(
            {"name": "Gina Green", "parent_id": self.account_c.id}
        )
        review = self.env["qsr.review"].create(
            {
                "partner_id": self.account_c.id,
                "review_type": "value_survey",
                "grid_id": other.id,
                "participant_ids": [Command.create({"partner_id": contact.id})],
            }
        )
        review.action_next_stage()
        review.wave_id = self.wave
        response = review.response_ids
        first, second = other.attribute_ids.sorted()
        for attribute in (first, second):
            low, high = attribute.level_ids.sorted()[:2]
            response._save_answer("current", attribute, low)
            response._save_answer("acceptable", attribute, low)
            response._save_answer("ideal", attribute, high)
        round_1, round_2 = other.round_ids.sorted()
        response._save_answer(f"round_{round_1.id}", first, first.level_ids.sorted()[1])
        response._save_answer(
            f"round_{round_2.id}", second, second.level_ids.sorted()[1]
        )
        response.action_submit()
        self.env.flush_all()

        data = self._data()
        self.assertEqual(
            {grid["name"] for grid in data["grids"]}, {"Worked example", "Value check"}
        )
        for grid in data["grids"]:
            picked = (
                self.env["qsr.dashboard"]
                .with_user(self.user_director)
                .get_data(self.wave.id, grid["id"])
            )
            self.assertEqual(picked["grid"]["id"], grid["id"])
            grid_record = self.env["qsr.grid"].browse(grid["id"])
            [area] = picked["areas"]
            self.assertEqual(area["id"], grid_record.area_ids.id)
            self.assertEqual(area["accounts"], 1)
            self.assertEqual(
                {row["id"] for row in picked["priorities"]},
                set(grid_record.attribute_ids.ids),
            )

    def test_gaps_open_and_overdue(self):
        gaps = self._data()["gaps"]
        self.assertEqual((gaps["open"], gaps["overdue"]), (4, 2))
        by_owner = {
            row["key"]: (row["open"], row["overdue"]) for row in gaps["by_owner"]
        }
        self.assertEqual(
            by_owner,
            {
                self.user_am_a.id: (2, 1),
                self.user_am_b.id: (1, 1),
                self.user_director.id: (1, 0),
            },
        )
        self.assertEqual(gaps["by_owner"][0]["name"], "Anna Manager")
        by_department = {
            row["key"]: (row["open"], row["overdue"]) for row in gaps["by_department"]
        }
        self.assertEqual(
            by_department,
            {"service": (1, 1), "logistics": (2, 0), "finance": (1, 1)},
        )
        # what a click opens is what the figure counts
        anna = next(r for r in gaps["by_owner"] if r["key"] == self.user_am_a.id)
        target = anna["open_overdue"]
        self.assertEqual(
            self.env[target["res_model"]].search(target["domain"]), self.gap_callback
        )

    def test_pipeline_and_win_loss(self):
        data = self._data()
        pipeline = data["pipeline"]
        self.assertEqual(pipeline["count"], 2)
        self.assertAlmostEqual(pipeline["expected_revenue"], 1000 + 5000)
        self.assertEqual((pipeline["won_count"], pipeline["won_revenue"]), (1, 2000))
        self.assertEqual((pipeline["lost_count"], pipeline["lost_revenue"]), (1, 300))
        win_loss = data["win_loss"]
        # won: E-invoicing (Beta), Extra line (Alpha), Pilot (Gamma);
        # lost: Shelf service (Delta), Second site (a contact of Beta)
        self.assertEqual((win_loss["won"], win_loss["lost"]), (3, 2))
        self.assertAlmostEqual(win_loss["ratio"], 1.5)
        self.assertAlmostEqual(win_loss["won_revenue"], 2000 + 7000 + 900)
        target = win_loss["open_lost"]
        lost = (
            self.env[target["res_model"]]
            .with_context(active_test=False)
            .search(target["domain"])
        )
        self.assertEqual(set(lost.mapped("name")), {"Shelf service", "Second site"})

    def test_pipeline_and_win_loss_per_wave(self):
        """Pipeline, won and win:loss follow the dates of the wave shown: the
        pipeline counts what was opened in the wave and is still ongoing, won
        and lost what was closed in it, the wave's last day included."""
        wave_q2 = self.env["qsr.wave"].create(
            {"name": "2040 Q2", "date_start": "2040-04-01", "date_end": "2040-06-30"}
        )
        Lead = self.env["crm.lead"]

        def lead(name, partner, revenue, opened, closed=None, qsr=False, won=None):
            record = Lead.create(
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "expected_revenue": revenue,
                    "tag_ids": [Command.link(self.tag.id)] if qsr else [],
                }
            )
            if won:
                record.stage_id = self.won_stage
            elif won is False:
                record.action_set_lost()
            self._set_lead_dates(record, opened, closed)
            return record

        lead("Q2 upsell", self.account_a, 3000, "2040-04-10 09:00:00", qsr=True)
        # opened in Q1, won in Q2: neither Q1's pipeline nor its win:loss
        lead(
            "Renewal",
            self.account_b,
            4000,
            "2040-03-20 09:00:00",
            "2040-04-05 09:00:00",
            won=True,
        )
        lead(
            "Lost in Q2",
            self.account_c,
            250,
            "2040-04-02 09:00:00",
            "2040-05-01 09:00:00",
            qsr=True,
            won=False,
        )
        lead(
            "Late win",
            self.account_a,
            500,
            "2040-06-01 09:00:00",
            "2040-06-30 23:30:00",
            qsr=True,
            won=True,
        )  # on the wave's last day
        lead(
            "Next quarter",
            self.account_a,
            700,
            "2040-06-15 09:00:00",
            "2040-07-01 00:00:00",
            won=True,
        )  # the day after the wave
        self.env.flush_all()
        Dashboard = self.env["qsr.dashboard"].with_user(self.user_director)

        def figures(data):
            pipeline, win_loss = data["pipeline"], data["win_loss"]
            return (
                (pipeline["count"], pipeline["expected_revenue"]),
                (pipeline["won_count"], pipeline["won_revenue"]),
                (pipeline["lost_count"], pipeline["lost_revenue"]),
                (win_loss["won"], win_loss["won_revenue"]),
                (win_loss["lost"], win_loss["lost_revenue"]),
                win_loss["ratio"],
            )

        # Q1 as before: QSR follow-up 1,000 + the upsell gap's 5,000 ongoing;
        # E-invoicing won (2,000), Shelf service lost (300); key accounts won
        # E-invoicing, Extra line, Pilot (9,900), lost Shelf service, Second
        # site (1,100)
        self.assertEqual(
            figures(Dashboard.get_data(self.wave.id)),
            ((2, 6000), (1, 2000), (1, 300), (3, 9900), (2, 1100), 1.5),
        )
        # Q2: Q2 upsell ongoing; Late win won, Lost in Q2 lost (QSR); key
        # accounts won Renewal and Late win, lost Lost in Q2
        data = Dashboard.get_data(wave_q2.id)
        self.assertEqual(data["wave"]["id"], wave_q2.id)
        self.assertEqual(
            figures(data),
            ((1, 3000), (1, 500), (1, 250), (2, 4500), (1, 250), 2.0),
        )
        # what a click opens is what the figure counts
        LeadAll = Lead.with_context(active_test=False)
        for target, names in (
            (data["pipeline"]["open_pipeline"], {"Q2 upsell"}),
            (data["pipeline"]["open_won"], {"Late win"}),
            (data["pipeline"]["open_lost"], {"Lost in Q2"}),
            (data["win_loss"]["open_won"], {"Renewal", "Late win"}),
            (data["win_loss"]["open_lost"], {"Lost in Q2"}),
        ):
            self.assertEqual(target["res_model"], "crm.lead")
            self.assertEqual(
                set(LeadAll.search(target["domain"]).mapped("name")), names
            )
        # without a wave: all time
        self.assertEqual(
            figures(Dashboard._opportunities(self.env["qsr.wave"])),
            ((3, 9000), (2, 2500), (2, 550), (6, 15100), (3, 1350), 2.0),
        )

    def test_health_distribution_and_worst(self):
        """The bands count the wave's health scores the user may read; the
        worst come first, each opening its record."""
        scores = self.env["qsr.account.health"]._compute_for(
            self.account_a | self.account_b | self.account_c, self.wave
        )
        health = self._data()["health"]
        self.assertEqual(health["total"], 3)
        for band in health["bands"]:
            self.assertEqual(
                band["count"],
                len(scores.filtered(lambda s, key=band["key"]: s.band == key)),
            )
        worst = health["worst"]
        self.assertEqual(
            [row["id"] for row in worst], scores.sorted(lambda s: (s.score, s.id)).ids
        )
        target = worst[0]["open"]
        self.assertEqual(
            self.env[target["res_model"]].search(target["domain"]).id, worst[0]["id"]
        )
        # an account manager: the scores of their own accounts only
        own = self._data(self.user_am_a)["health"]
        self.assertEqual(own["total"], 1)
        self.assertEqual(own["worst"][0]["account"], "Alpha Industries")

    def test_no_pipeline_without_crm_rights(self):
        data = self._data(self.user_am_a)
        self.assertFalse(data["pipeline"])
        self.assertFalse(data["win_loss"])

    def test_dashboard_in_the_browser(self):
        """The client action loads, then shows the wave chosen in its selector."""
        self.browser_js(
            "/odoo/action-qsr_reporting.qsr_dashboard_action",
            BROWSER_CHECK.replace("WAVE_ID", str(self.wave.id)),
            "odoo.isReady === true",
            login="t_qsr_director",
            timeout=120,
        )
