from urllib.parse import urlencode

from odoo import SUPERUSER_ID, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal


def unless_just_updated(controller):
    """A page read-only (Odoo serves it from the database replica when one is
    configured), except on the redirect right after the contact changed
    something on it (``?updated=``): that one reads the primary, so that they
    see their own change even while the replica catches up."""
    return "updated" not in request.httprequest.args


class QsrPortal(CustomerPortal):
    """What the portal pages of the QSR addons share: the access check of
    their documents, the /my counters and lists, and the ids and links of
    their requests."""

    def _document_check_access(self, model_name, document_id, access_token=None):
        """Core's check, with the access token of a QSR document tried first: a
        contact who opens an invitation link may not read the document as a
        user, and failing that check first costs two queries and an access
        error for nothing. A token that is not ASCII text is no token (the
        comparison of tokens raises a TypeError on it)."""
        if model_name.startswith("qsr."):
            if not isinstance(access_token, str) or not access_token.isascii():
                access_token = None
            if access_token:
                document_sudo = (
                    request.env[model_name]
                    .browse([document_id])
                    .with_user(SUPERUSER_ID)
                    .exists()
                )
                if document_sudo.access_token and consteq(
                    document_sudo.access_token, access_token
                ):
                    return document_sudo
        return super()._document_check_access(model_name, document_id, access_token)

    def _qsr_document(self, model_name, document_id, access_token=None, **kw):
        """The document as superuser if the user or ``access_token`` may open
        it, else an empty recordset. The rest of the request speaks the
        language of the contact who reads it (see ``_qsr_page_contact``, which
        ``kw`` is passed to)."""
        try:
            document_sudo = self._document_check_access(
                model_name, document_id, access_token
            )
        except (AccessError, MissingError):
            return request.env[model_name]
        if self._qsr_use_lang(self._qsr_page_contact(document_sudo, **kw)):
            document_sudo = document_sudo.with_context(lang=request.env.lang)
        return document_sudo

    def _qsr_render(self, template, page_name, lang_document=None, **values):
        """``template`` rendered in the portal layout as page ``page_name``,
        with the language switcher of the contact who reads ``lang_document``
        (or of the logged-in user)."""
        layout_values = self._prepare_portal_layout_values()
        layout_values.update(values, page_name=page_name)
        layout_values.update(self._qsr_lang_switcher_values(lang_document, values))
        return request.render(template, layout_values)

    # the contact's language

    def _qsr_page_contact(self, document_sudo=None, **kw):
        """The contact who reads a customer page: the logged-in user, else the
        one contact ``document_sudo`` was sent to (none when it has several)."""
        user = request.env.user
        if not user._is_public():
            return user.partner_id
        if not document_sudo:
            return request.env["res.partner"]
        partners = document_sudo._mail_get_partners()[document_sudo.id]
        return partners if len(partners) == 1 else partners.browse()

    def _qsr_use_lang(self, partner):
        """Answer the request in ``partner``'s language, whatever the browser
        asks for, when it is one of the site's languages; True when that
        changed the language."""
        lang = partner.lang
        if (
            not lang
            or lang == request.env.lang
            or lang not in request.env["res.lang"]._get_frontend()
        ):
            return False
        request.update_context(lang=lang)
        if getattr(request, "is_frontend", False):
            request.lang = request.env["res.lang"]._get_data(code=lang)
            request.future_response.set_cookie("frontend_lang", lang)
        return True

    def _qsr_lang_switcher_values(self, document_sudo, values):
        """The values of the language switcher: the site's languages when
        there are several and a contact reads the page, the document and the
        page the switcher comes back to."""
        languages = request.env["res.lang"]._get_frontend()
        if len(languages) < 2 or not self._qsr_page_contact(document_sudo, **values):
            return {}
        httprequest = request.httprequest
        if httprequest.method == "GET":
            back = httprequest.full_path.rstrip("?")
        elif document_sudo:
            back = self._qsr_url(document_sudo, values.get("access_token"))
        else:
            back = "/my"
        return {
            "qsr_languages": list(languages.values()),
            "qsr_lang_document": document_sudo,
            "qsr_lang_redirect": back,
        }

    @http.route(
        "/my/qsr/lang", type="http", auth="public", methods=["POST"], website=True
    )
    def portal_qsr_lang(
        self,
        lang=None,
        res_model=None,
        res_id=None,
        access_token=None,
        redirect=None,
        **kw,
    ):
        """Store the language a contact chose as theirs, so that the pages and
        the mails follow it: the logged-in user's, or that of the contact of
        the document whose ``access_token`` is given; nothing for anyone
        else."""
        contact = request.env["res.partner"]
        if request.env.user._is_public():
            document_sudo = self._qsr_lang_document(res_model, res_id, access_token)
            if document_sudo:
                contact = self._qsr_page_contact(document_sudo, **kw)
        else:
            contact = request.env.user.partner_id
        if not contact or lang not in request.env["res.lang"]._get_frontend():
            return request.redirect("/my")
        contact.sudo().lang = lang
        response = request.redirect(redirect or "/my", local=True)
        response.set_cookie("frontend_lang", lang)
        return response

    def _qsr_lang_document(self, model_name, document_id, access_token):
        """The QSR portal document of the switcher's form if ``access_token``
        opens it, else None."""
        if (
            not isinstance(model_name, str)
            or not model_name.startswith("qsr.")
            or model_name not in request.env
            or "access_token" not in request.env[model_name]._fields
        ):
            return None
        try:
            document_id = self._qsr_id(document_id)
        except UserError:
            return None
        return self._qsr_document(model_name, document_id, access_token)

    def _qsr_count(self, model_name, domain):
        """The /my counter of ``model_name``: the user's records in ``domain``."""
        Model = request.env[model_name]
        return Model.search_count(domain) if Model.has_access("read") else 0

    def _qsr_search(self, model_name, domain, order=None):
        """The user's records of ``model_name`` in ``domain``, for a /my list."""
        Model = request.env[model_name]
        return Model.search(domain, order=order) if Model.has_access("read") else Model

    def _qsr_states(self, model_name):
        """{state: label} of ``model_name``, in the user's language."""
        field = request.env[model_name]._fields["state"]
        return dict(field._description_selection(request.env))

    def _qsr_id(self, value):
        """``value`` as a record id, from an integer or a string of ASCII
        digits; UserError when it is neither."""
        digits = value.strip() if isinstance(value, str) else ""
        if digits.isascii() and digits.isdigit():  # "²".isdigit() is true
            value = int(digits)
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not 0 < value < 2**31
        ):
            raise UserError(request.env._("Invalid identifier: %s", repr(value)))
        return value

    def _qsr_record(self, model_name, record_id, message):
        """The record of ``model_name`` with id ``record_id``, as superuser;
        UserError with ``message`` when there is none."""
        record_id = self._qsr_id(record_id)
        record = request.env[model_name].sudo().browse(record_id).exists()
        if not record:
            raise UserError(message)
        return record

    def _qsr_url(self, document_sudo, access_token=None, **params):
        """The portal link of ``document_sudo``, with ``access_token`` and
        ``params`` in its query."""
        if access_token:
            params["access_token"] = access_token
        query = f"?{urlencode(params)}" if params else ""
        return f"{document_sudo.access_url}{query}"

    # account plans

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "qsr_plan_count" in counters:
            values["qsr_plan_count"] = self._qsr_count(
                "qsr.account.plan", self._qsr_plans_domain()
            )
        return values

    def _qsr_plans_domain(self):
        """The published plans of the user's own account."""
        return [
            ("partner_id", "=", request.env.user.commercial_partner_id.id),
            ("published", "=", True),
        ]

    def _qsr_account_plan(self):
        """The latest published plan of the user's account, for the links of
        the older pages; empty when there is none."""
        return self._qsr_search(
            "qsr.account.plan",
            self._qsr_plans_domain(),
            order="date_start desc, id desc",
        )[:1]

    def _qsr_plan_sudo(self, plan_id, access_token=None):
        """The plan as superuser when the user may see it on the portal: a
        published plan that the user may read or whose ``access_token`` is
        given, of the user's own account for a customer contact; else an empty
        recordset."""
        try:
            plan_id = self._qsr_id(plan_id)
        except UserError:
            return request.env["qsr.account.plan"]
        plan_sudo = self._qsr_document("qsr.account.plan", plan_id, access_token)
        if not plan_sudo or not plan_sudo._portal_shown_to(request.env.user):
            return request.env["qsr.account.plan"]
        return plan_sudo

    def _qsr_plan_extra_values(self, kw):
        """Values of the plan page taken from the request's parameters; the
        addons that add sections to the page add theirs."""
        return {}

    def _qsr_plan_response(
        self, plan_id, access_token=None, report_type=None, download=False, **extra
    ):
        """The plan page, or its PDF with ``report_type`` pdf; a redirect to
        /my when the user may not see the plan, never its content."""
        plan_sudo = self._qsr_plan_sudo(plan_id, access_token)
        if not plan_sudo:
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            # the customer's report, in the language of the contact who reads it
            request.update_context(qsr_contact_lang=request.env.lang)
            return self._show_report(
                plan_sudo,
                report_type,
                "qsr_review.action_report_qsr_account_plan",
                download=download,
            )
        values = self._get_page_view_values(
            plan_sudo, access_token, {}, "my_qsr_plans_history", False
        )
        # the comment box posts as the contact: with the plan's token, the
        # contact needs no write access to the plan
        values["token"] = plan_sudo._portal_ensure_token()
        return self._qsr_render(
            "qsr_review.portal_my_qsr_plan",
            "qsr_plan",
            lang_document=plan_sudo,
            plan=plan_sudo,
            plan_values=plan_sudo._get_portal_values(),
            partner=request.env.user.partner_id,
            pdf_url=self._qsr_url(
                plan_sudo, access_token, report_type="pdf", download="true"
            ),
            **values,
            **extra,
        )

    @http.route(
        "/my/qsr/plans", type="http", auth="user", website=True, readonly=True
    )
    def portal_my_qsr_plans(self, **kw):
        self._qsr_use_lang(request.env.user.partner_id)
        plans = self._qsr_search(
            "qsr.account.plan",
            self._qsr_plans_domain(),
            order="date_start desc, id desc",
        )
        return self._qsr_render(
            "qsr_review.portal_my_qsr_plans", "qsr_plans", plans=plans.sudo()
        )

    @http.route(
        "/my/qsr/plans/<int:plan_id>",
        type="http",
        auth="public",
        website=True,
        readonly=unless_just_updated,
    )
    def portal_my_qsr_plan(
        self, plan_id, access_token=None, report_type=None, download=False, **kw
    ):
        return self._qsr_plan_response(
            plan_id,
            access_token,
            report_type,
            download=download in (True, "true", "1"),
            **self._qsr_plan_extra_values(kw),
        )
