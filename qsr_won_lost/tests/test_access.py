from odoo.exceptions import AccessError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import QsrWonLostCommon


@tagged("post_install", "-at_install")
class TestWonLostAccess(QsrWonLostCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_a = cls._create_opportunity(cls.account_a)
        cls.lead_a.action_set_won()
        cls.lead_b = cls._create_opportunity(cls.account_b)
        cls.lead_b.action_set_lost()
        cls.review_won_a = cls.lead_a.qsr_won_lost_review_ids
        cls.review_lost_b = cls.lead_b.qsr_won_lost_review_ids
        (cls.review_won_a | cls.review_lost_b).won_lost_reason_ids = cls.reason_price
        cls.env.flush_all()

    def _report_accounts(self, model):
        return (
            self.env[model]
            .search([("account_id", "in", (self.account_a | self.account_b).ids)])
            .account_id
        )

    @users("t_qsr_am_a")
    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_account_manager(self):
        # their own account's review, its won/lost page and figures
        review = self.review_won_a.with_env(self.env)
        self.assertEqual(review.outcome, "won")
        # the opportunity's name shows on the form even without CRM rights
        [values] = review.web_read({"lead_id": {"fields": {"display_name": {}}}})
        self.assertEqual(values["lead_id"]["display_name"], self.lead_a.name)
        review.write({"competitor": "Omega", "lessons": "<p>Keep it up</p>"})
        self.assertEqual(self._report_accounts("qsr.report.won.lost"), self.account_a)
        self.assertEqual(self._report_accounts("qsr.report.win.loss"), self.account_a)
        # not another manager's account
        with self.assertRaises(AccessError):
            self.review_lost_b.with_env(self.env).read(["competitor"])
        # reasons are read, not configured
        reason = self.reason_price.with_env(self.env)
        self.assertEqual(reason.name, "T Price")
        with self.assertRaises(AccessError):
            reason.write({"name": "Cheaper"})
        with self.assertRaises(AccessError):
            self.env["qsr.won.lost.reason"].create({"name": "T New"})
        with self.assertRaises(AccessError):
            reason.unlink()
        # the reports are read-only
        with self.assertRaises(AccessError):
            self.env["qsr.report.win.loss"].search([], limit=1).write({"won": 5})

    @users("t_qsr_director")
    def test_director(self):
        self.assertEqual(
            self._report_accounts("qsr.report.won.lost"),
            self.account_a | self.account_b,
        )
        self.assertEqual(
            self._report_accounts("qsr.report.win.loss"),
            self.account_a | self.account_b,
        )
        Reason = self.env["qsr.won.lost.reason"]
        reason = Reason.create({"name": "T Innovation", "applies_to": "won"})
        reason.write({"name": "T Innovation Roadmap"})
        reason.unlink()
        self.review_lost_b.with_env(self.env).competitor = "Trackwise"

    @users("t_qsr_internal")
    @mute_logger("odoo.addons.base.models.ir_model")
    def test_internal_user(self):
        for model in (
            "qsr.won.lost.reason",
            "qsr.report.won.lost",
            "qsr.report.win.loss",
        ):
            with self.assertRaises(AccessError):
                self.env[model].search([])
        with self.assertRaises(AccessError):
            self.review_won_a.with_env(self.env).read(["outcome"])

    @users("t_qsr_won_lost_sales")
    @mute_logger("odoo.addons.base.models.ir_model")
    def test_salesperson(self):
        """A salesperson who is no QSR user closes a key account's deal: the
        review is proposed all the same, but they cannot read it."""
        lead = self._create_opportunity(self.account_b).with_env(self.env)
        lead.action_set_won()
        review = self.env["qsr.review"].sudo().search([("lead_id", "=", lead.id)])
        self.assertEqual(len(review), 1)
        self.assertEqual(review.user_id, self.user_am_b)
        with self.assertRaises(AccessError):
            review.with_env(self.env).read(["outcome"])
        with self.assertRaises(AccessError):
            self.env["qsr.report.win.loss"].search([])
