from odoo.tests import tagged

from odoo.addons.qsr_review.tests.a11y_common import AxeMixin

from .portal_common import QsrPortalCommon


@tagged("post_install", "-at_install")
class TestPortalA11y(AxeMixin, QsrPortalCommon):
    """The grid pages pass axe-core's WCAG 2.1 A and AA rules: every step of
    the grid, answered by the contact and in interview mode, the submitted grid
    and the list of grids."""

    def _check_steps(self, response, user, mode):
        """Every step of ``response`` as ``user`` reads it, in their language."""
        self._fill_marks(response)
        for step, _label in response._steps():
            response.step = step
            self._axe_check(
                self._url(response),
                login=user.login,
                partners=user.partner_id,
                page=f"grid step {step} ({mode})",
            )

    def test_grid_steps(self):
        self._check_steps(self.response_alice, self.user_alice, "contact")

    def test_grid_interview(self):
        """The account manager enters the answers, in their own language: the
        page differs from the contact's by its interview notice."""
        self._check_steps(self.response_bob, self.user_am, "interview")

    def test_grid_submitted(self):
        response = self.response_alice
        self._fill_marks(response)
        response.comment = "Faster answers to complaints, please."
        response.action_submit()
        self._axe_check(
            self._url(response),
            login="t_portal_alice",
            partners=response.partner_id,
            page="submitted grid",
        )

    def test_grid_list(self):
        self._axe_check(
            "/my/qsr/grids",
            login="t_portal_alice",
            partners=self.user_alice.partner_id,
        )
