from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.qsr_review.controllers.portal import QsrPortal

from ..models.qsr_interview_report import CUSTOMER_STATES


class QsrInterviewPortal(QsrPortal):
    """The interview report a customer contact approves or edits on the portal."""

    # /my

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "qsr_interview_count" in counters:
            values["qsr_interview_count"] = self._qsr_count(
                "qsr.interview.report", self._qsr_interviews_domain()
            )
        return values

    def _qsr_interviews_domain(self):
        return [
            ("partner_ids", "in", request.env.user.partner_id.ids),
            ("state", "!=", "draft"),
        ]

    @http.route(
        "/my/qsr/interviews", type="http", auth="user", website=True, readonly=True
    )
    def portal_my_qsr_interviews(self, **kw):
        self._qsr_use_lang(request.env.user.partner_id)
        reports = self._qsr_search(
            "qsr.interview.report", self._qsr_interviews_domain()
        )
        return self._qsr_render(
            "qsr_interview.portal_my_qsr_interviews",
            "qsr_interviews",
            reports=reports.sudo(),
            states=self._qsr_states("qsr.interview.report"),
        )

    # the report page

    @http.route(
        "/my/qsr/interviews/<int:report_id>",
        type="http",
        auth="public",
        website=True,
    )
    def portal_qsr_interview(
        self, report_id, access_token=None, pid=None, hash=None, message=None, **kw
    ):
        report_sudo = self._qsr_report(report_id, access_token, pid, hash)
        if not report_sudo:
            return request.redirect("/my")
        return self._qsr_render_report(
            report_sudo, access_token, pid, hash, message=self._qsr_message(message)
        )

    @http.route(
        "/my/qsr/interviews/<int:report_id>/approve",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_qsr_interview_approve(
        self, report_id, access_token=None, pid=None, hash=None, **kw
    ):
        return self._qsr_customer_action(
            report_id, access_token, pid, hash, "approved", None
        )

    @http.route(
        "/my/qsr/interviews/<int:report_id>/edit",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_qsr_interview_edit(
        self, report_id, access_token=None, pid=None, hash=None, body=None, **kw
    ):
        return self._qsr_customer_action(
            report_id, access_token, pid, hash, "changed", body
        )

    # helpers

    def _qsr_report(self, report_id, access_token, pid=None, hash=None):
        """The report as superuser if the user or ``access_token`` may open
        it (a draft is the account team's alone), else an empty recordset."""
        report_sudo = self._qsr_document(
            "qsr.interview.report", report_id, access_token, pid=pid, hash=hash
        )
        if report_sudo.state == "draft" and not self._qsr_may_see_draft(report_sudo):
            return report_sudo.browse()
        return report_sudo

    def _qsr_customer_action(self, report_id, access_token, pid, hash, action, body):
        report_sudo = self._qsr_report(report_id, access_token, pid, hash)
        if not report_sudo:
            return request.redirect("/my")
        env = request.env
        try:
            if not env.user.share:
                raise UserError(
                    env._(
                        "This is a preview: only the interviewed contacts approve "
                        "or change the report."
                    )
                )
            author = self._qsr_author(report_sudo, pid, hash)
            if action == "approved":
                report_sudo._customer_approve(author)
            else:
                report_sudo._customer_edit(body, author)
        except UserError as error:
            return self._qsr_render_report(
                report_sudo, access_token, pid, hash, errors=[error.args[0]]
            )
        return request.redirect(
            self._qsr_report_url(report_sudo, access_token, pid, hash, message=action)
        )

    def _qsr_page_contact(self, document_sudo=None, **kw):
        """The contact of a personal link reads the report in their language."""
        if document_sudo and document_sudo._name == "qsr.interview.report":
            return self._qsr_author(document_sudo, kw.get("pid"), kw.get("hash"))
        return super()._qsr_page_contact(document_sudo, **kw)

    def _qsr_may_see_draft(self, report_sudo):
        """A draft is the account team's alone: internal users who may read the
        report themselves, whatever token they hold."""
        user = request.env.user
        return not user.share and report_sudo.with_user(user).has_access("read")

    def _qsr_message(self, key):
        env = request.env
        if key == "approved":
            return env._("Thank you: you approved the report.")
        if key == "changed":
            return env._("Thank you: your changes were sent to the account team.")
        return False

    def _qsr_author(self, report_sudo, pid, hash):
        """The contact who acts on the report: the logged-in contact, the
        contact of the personal link, or the only interviewed contact."""
        user = request.env.user
        if not user._is_public():
            return user.partner_id
        if pid and hash and str(pid).isdigit():
            partner = report_sudo.partner_ids.filtered(lambda p: p.id == int(pid))
            if partner and consteq(report_sudo._sign_token(partner.id), str(hash)):
                return partner
        if len(report_sudo.partner_ids) == 1:
            return report_sudo.partner_ids
        return request.env["res.partner"]

    def _qsr_report_url(
        self, report_sudo, access_token=None, pid=None, hash=None, **params
    ):
        if pid and hash:
            params.update(pid=pid, hash=hash)
        return self._qsr_url(report_sudo, access_token, **params)

    def _qsr_render_report(
        self,
        report_sudo,
        access_token=None,
        pid=None,
        hash=None,
        errors=None,
        message=None,
    ):
        env = request.env
        # read again what an action may have changed before failing
        report_sudo.invalidate_recordset()
        customer = env.user.share
        return self._qsr_render(
            "qsr_interview.portal_qsr_interview",
            "qsr_interview",
            lang_document=report_sudo,
            report=report_sudo,
            review=report_sudo.review_id,
            state_label=self._qsr_states("qsr.interview.report").get(report_sudo.state),
            editable=customer and report_sudo.state in CUSTOMER_STATES,
            preview=not customer,
            access_token=access_token,
            pid=pid if pid and hash else False,
            hash=hash if pid and hash else False,
            no_breadcrumbs=bool(access_token) and env.user._is_public(),
            errors=errors or [],
            message=message,
        )
