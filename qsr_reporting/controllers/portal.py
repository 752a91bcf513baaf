from odoo import http
from odoo.http import request

from odoo.addons.qsr_review.controllers.portal import QsrPortal


class QsrResultsPortal(QsrPortal):
    """A customer's own service review results on the portal: their account's
    latest figures next to the portfolio norm, its trend, and the status of
    the gaps the account team shares with them."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "qsr_result_count" in counters:
            values["qsr_result_count"] = (
                self._qsr_account_sudo()._qsr_portal_review_count()
            )
        return values

    def _qsr_account_sudo(self):
        """The portal user's own account (their commercial partner), as
        superuser: the only account whose results they may see."""
        return request.env.user.partner_id.commercial_partner_id.sudo()

    @http.route(
        "/my/qsr/results", type="http", auth="user", website=True, readonly=True
    )
    def portal_my_qsr_results(self, **kw):
        self._qsr_use_lang(request.env.user.partner_id)
        return self._qsr_render(
            "qsr_reporting.portal_my_qsr_results",
            "qsr_results",
            **self._qsr_account_sudo()._qsr_portal_results(),
            account_plan=self._qsr_account_plan().sudo(),
        )
