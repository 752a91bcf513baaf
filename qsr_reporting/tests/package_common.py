import numpy as np
import pandas as pd

from odoo.fields import Command

from odoo.addons.qsr_review.tests.common import new_account
from odoo.addons.qsr_simalto.analysis import simalto_engine

from .test_fix_for_all import FixForAllCommon


class PackageCommon(FixForAllCommon):
    """The five accounts of ``FixForAllCommon`` (wave 2041 Q1, K1-K4 in the
    Key tier, K5 Strategic, one operational contact each), and a package of
    the Key tier of that wave. Today everybody receives Response time (rt) L1
    but K3 (L2), and Delivered in full (inf) L1; everybody's acceptable level
    is rt L2 and inf L1. So the typical levels are rt L1 and inf L1, and at
    them nobody finds every row acceptable, everybody half of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key_accounts = (
            cls.accounts["K1"]
            | cls.accounts["K2"]
            | cls.accounts["K3"]
            | cls.accounts["K4"]
        )
        cls.package = (
            cls.env["qsr.package"]
            .with_user(cls.user_director)
            .create(
                {
                    "name": "Key tier",
                    "grid_id": cls.grid.id,
                    "scope": "tier",
                    "tier_id": cls.tier_key.id,
                    "wave_id": cls.wave.id,
                }
            )
        ).with_user(cls.env.user)

    def _line(self, package, attribute):
        return package.line_ids.filtered(lambda line: line.attribute_id == attribute)

    def _run_package_job(self):
        """Run the job that updates the outdated packages' figures, as the
        cron runs it, after checking that the change woke it."""
        cron = self.env.ref("qsr_reporting.ir_cron_qsr_package_figures")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "a change in scope wakes the job",
        )
        cron.method_direct_trigger()

    def _key_responses(self):
        return self.env["qsr.response"].search(
            [
                ("state", "=", "submitted"),
                ("review_id.tier_id", "=", self.tier_key.id),
                ("wave_id", "=", self.wave.id),
            ]
        )

    def _frames(self, responses):
        """The engine's frames of ``responses``, built from the records here,
        independently of the package's code: (levels, attributes, responses,
        lines, budgets)."""
        grid = self.grid
        rows = grid.attribute_ids.sorted(lambda a: (a.area_sequence, a.sequence, a.id))
        levels = pd.DataFrame(
            [
                (
                    row.id,
                    level.id,
                    level.position,
                    level.cost,
                    level.price_change if row.is_price else np.nan,
                    level.supplier_cost,
                )
                for row in rows
                for level in row.level_ids.sorted()
            ],
            columns=[*simalto_engine.LEVEL_COLUMNS, "price_change", "supplier_cost"],
        )
        attributes = pd.DataFrame(
            [
                (
                    row.id,
                    row.area_id.id,
                    row.area_id.name,
                    row.name,
                    index,
                    row.allow_reduction,
                    row.is_price,
                )
                for index, row in enumerate(rows)
            ],
            columns=[*simalto_engine.ATTRIBUTE_COLUMNS, "is_price"],
        )
        people = pd.DataFrame(
            [
                (
                    response.id,
                    response.weight or 1,
                    response.account_id.id,
                    response.partner_id.id,
                    response.partner_id.name,
                    response.account_id.qsr_annual_revenue,
                )
                for response in responses
            ],
            columns=[*simalto_engine.RESPONSE_COLUMNS, "revenue"],
        )
        rounds = grid.round_ids.sorted(lambda r: (r.sequence, r.id))
        lines = []
        for line in responses.line_ids:
            after = {choice.round_id: choice.level_id.id for choice in line.choice_ids}
            lines.append(
                (
                    line.response_id.id,
                    line.attribute_id.id,
                    line.current_level_id.id or None,
                    line.acceptable_level_id.id or None,
                    line.ideal_level_id.id or None,
                    line.competitor_level_id.id or None,
                    *(after.get(rnd) or None for rnd in rounds),
                )
            )
        lines = pd.DataFrame(
            lines,
            columns=[
                "response_id",
                "attribute_id",
                *simalto_engine.level_columns(len(rounds)),
            ],
        )
        return levels, attributes, people, lines, rounds.mapped("budget")

    def _new_account_answer(self, key, tier, marks, rounds):
        """A new account of ``tier`` whose one contact answers in the wave:
        its submitted response."""
        account = new_account(
            self.env, f"Account {key}", tier, self.user_am_b, qsr_annual_revenue=400_000
        )
        contact = self.env["res.partner"].create(
            {
                "name": f"Contact {key}",
                "parent_id": account.id,
                "qsr_contact_level": "operational",
            }
        )
        review = self.env["qsr.review"].create(
            {
                "partner_id": account.id,
                "date_planned": "2041-02-01",
                "grid_id": self.grid.id,
                "review_type": "simalto",
                "participant_ids": [Command.create({"partner_id": contact.id})],
            }
        )
        review.action_next_stage()
        response = review.response_ids
        self._answer(response, marks, rounds)
        self._answer_price_row(response)
        return account, response
