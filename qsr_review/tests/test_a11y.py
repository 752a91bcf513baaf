from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .a11y_common import AxeMixin
from .common import QsrReviewCommon, new_portal_contact, new_published_plan


@tagged("post_install", "-at_install")
class TestPortalA11y(AxeMixin, HttpCase, QsrReviewCommon):
    """The /my home with its cards, the list of account plans and a published
    plan with objectives on both sides pass axe-core's WCAG 2.1 A and AA rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_portal_contact(
            cls.env, cls.account_a, "t_qsr_a11y_a", "Paula Alpha"
        )
        # objectives on both sides, ours measured against a target
        cls.plan = new_published_plan(
            cls.env,
            cls.account_a,
            cls.review_a.date_planned.year,
            objective_ids=[
                Command.create(
                    {
                        "name": "Two-hour call-backs",
                        "measure": "manual",
                        "target": 8,
                        "actual_manual": 6,
                    }
                ),
                Command.create(
                    {
                        "name": "Monthly forecast",
                        "side": "theirs",
                        "owner_partner_id": cls.portal_a.partner_id.id,
                    }
                ),
            ],
        )

    def _check(self, url, page=None, ready=None):
        self._axe_check(
            url,
            login="t_qsr_a11y_a",
            partners=self.portal_a.partner_id,
            page=page,
            ready=ready,
        )

    def test_home(self):
        # the cards show once their counters are loaded
        self._check(
            "/my",
            page="/my home",
            ready="!document.querySelector('.o_portal_doc_spinner')",
        )

    def test_plan_list(self):
        self._check("/my/qsr/plans")

    def test_plan(self):
        self._check(self.plan.access_url, page="account plan")
