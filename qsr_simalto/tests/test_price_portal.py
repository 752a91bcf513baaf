from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.qsr_review.tests.common import new_portal_contact

from .portal_common import QsrPortalCommon
from .price_common import new_priced_grid

# the figures of the answers below, in every form a page could show them
MONEY = ("106,666.67", "106666.67", "106666", "2,000,000", "2000000", "0.333")
WORDS = ("Willingness", "willingness", "Point Value", "point value", "Worth about")


@tagged("post_install", "-at_install")
class TestPricePortal(QsrPortalCommon):
    """The price row on the portal: today is "as now", fixed; no money
    figure reaches the customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.pgrid = new_priced_grid(env)
        cls.price = cls.pgrid._price_attribute()
        cls.prt = cls.pgrid.attribute_ids - cls.price
        cls.pr = cls.price.level_ids.sorted()
        cls.rtl = cls.prt.level_ids.sorted()
        cls.paccount = env["res.partner"].create(
            {
                "name": "Priced Pumps Ltd",
                "is_company": True,
                "user_id": cls.user_am.id,
                "qsr_annual_revenue": 2_000_000,
            }
        )
        cls.user_carl = new_portal_contact(
            env, cls.paccount, "t_price_carl", "Carl Priced"
        )
        cls.previewed = env["qsr.review"].create(
            {
                "partner_id": cls.paccount.id,
                "review_type": "simalto",
                "grid_id": cls.pgrid.id,
                "participant_ids": [
                    Command.create({"partner_id": cls.user_carl.partner_id.id})
                ],
            }
        )
        cls.previewed.action_next_stage()
        cls.presponse = cls.previewed.response_ids

    def _answer(self):
        response, rnd = self.presponse, self.pgrid.round_ids.sorted()[0]
        response._save_answer("current", self.prt, self.rtl[0])
        response._save_answer("acceptable", self.prt, self.rtl[1])
        response._save_answer("ideal", self.prt, self.rtl[3])
        response._save_answer("acceptable", self.price, self.pr[1])
        response._save_answer("ideal", self.price, self.pr[4])
        response._save_answer(f"round_{rnd.id}", self.price, self.pr[1])
        response._save_answer(f"round_{rnd.id}", self.prt, self.rtl[3])

    def test_today_refused_on_the_json_route(self):
        response = self.presponse
        response._save_answer("current", self.prt, self.rtl[1])
        before = self._snapshot(response)
        self.authenticate("t_price_carl", "t_price_carl")
        for level in self.pr:
            result = self._save(response, "current", self.price.id, level.id)
            self.assertIn("cannot be changed", result["error"])
        self.assertEqual(self._snapshot(response), before)
        line = self._line(response, self.price)
        self.assertEqual(line.current_level_id, self.pgrid._price_level_as_now())

    def test_today_page_shows_as_now_fixed(self):
        self.authenticate("t_price_carl", "t_price_carl")
        res = self.url_open(self._url(self.presponse))
        self.assertEqual(res.status_code, 200)
        self.assertIn("o_qsr_price_fixed", res.text)
        as_now = self.pgrid._price_level_as_now()
        name = f'name="qsr_row_{self.price.id}"'
        radios = [chunk for chunk in res.text.split("<input")[1:] if name in chunk]
        self.assertEqual(len(radios), 5)
        for level, radio in zip(self.pr, radios, strict=True):
            self.assertIn(f'value="{level.id}"', radio)
            self.assertEqual('checked="checked"' in radio, level == as_now)
            self.assertEqual('disabled="disabled"' in radio, level != as_now)

    def test_no_money_on_the_portal(self):
        self._answer()
        self.presponse.action_submit()
        line = self._line(self.presponse, self.prt)
        self.assertAlmostEqual(line.wtp, 16 * 2_000_000 * (15 / 45) / 100, places=2)
        self.previewed.action_propose_gaps()
        gap = self.previewed.gap_ids
        gap.customer_visible = True
        self.assertAlmostEqual(gap.wtp, line.wtp, places=2)
        self.authenticate("t_price_carl", "t_price_carl")
        for url in (self._url(self.presponse), "/my/qsr/grids", "/my"):
            with self.subTest(url=url):
                res = self.url_open(url)
                self.assertEqual(res.status_code, 200)
                for text in MONEY + WORDS:
                    self.assertNotIn(text, res.text)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_portal_user_reads_no_money(self):
        self._answer()
        self.presponse.action_submit()
        self.previewed.action_propose_gaps()
        gap = self.previewed.gap_ids
        gap.customer_visible = True
        line = self._line(self.presponse, self.prt)
        carl = self.user_carl
        for record, fields in (
            (line, ["wtp"]),
            (line, ["price_rise"]),
            (gap, ["wtp"]),
            (gap, ["distress_share"]),
            (gap, ["evidence_partner_ids"]),
            (self.previewed, ["account_revenue"]),
        ):
            with self.subTest(model=record._name, fields=fields):
                with self.assertRaises(AccessError):
                    record.with_user(carl).read(fields)
                self.assertNotIn(fields[0], record.with_user(carl).fields_get())
