from odoo import api, models
from odoo.tools.misc import formatLang

from ..models.qsr_report_response_line import MIN_NORM_ACCOUNTS
from .review_data import review_frames

NORM_COLUMNS = [
    "attribute_id",
    "tier_priority_index",
    "portfolio_priority_index",
    "tier_distress_share",
    "portfolio_distress_share",
]
MISSING = "\N{EN DASH}"
ANSWER_FIELDS = (
    "answer_account_manager",
    "answer_company",
    "answer_total_satisfaction",
)


def _missing(value):
    return value is None or value is False or value != value


class ReportQsrReviewInternal(models.AbstractModel):
    """The account report of a review for the review meeting, internal
    version: everything the account team knows."""

    _name = "report.qsr_reporting.report_qsr_review_internal"
    _description = "QSR Account Report (PDF, Internal)"

    _customer = False

    @api.model
    def _get_report_values(self, docids, data=None):
        reviews = self.env["qsr.review"].browse(docids)
        reviews.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "qsr.review",
            "docs": reviews,
            "customer": self._customer,
            "min_norm_accounts": MIN_NORM_ACCOUNTS,
            "report_data": {review.id: self._review_data(review) for review in reviews},
            "fmt_index": self._format_index,
            "fmt_share": self._format_share,
            "package_money": not self._customer
            and self.env.user.has_group("qsr_review.group_qsr_user"),
        }

    def _review_data(self, review):
        if self._customer:
            review = review.with_context(lang=review.partner_id.lang or self.env.lang)
        frames = review_frames(review, customer=self._customer)
        priorities = frames["priorities"]
        benchmark = frames["benchmark"]
        if not benchmark.empty and not priorities.empty:
            priorities = priorities.merge(
                benchmark[NORM_COLUMNS], on="attribute_id", how="left"
            )
        else:
            priorities = priorities.assign(**dict.fromkeys(NORM_COLUMNS[1:]))
        records = {
            name: frame.to_dict("records")
            for name, frame in frames.items()
            if name != "header"
        }
        # no grid submitted yet (or a review without a grid): no priorities
        records["priorities"] = (
            []
            if priorities.empty
            else priorities.sort_values(
                "rank", kind="stable", na_position="last"
            ).to_dict("records")
        )
        records["answers"] = [
            (review._fields[name]._description_string(review.env), review[name])
            for name in ANSWER_FIELDS
            if review[name]
        ]
        # packages and their costs are internal
        records["packages"] = [] if self._customer else self._packages(review)
        return records

    def _packages(self, review):
        """The account's packages of the review, those proposed first."""
        if not self.env["qsr.package"].has_access("read"):
            return []
        packages = self.env["qsr.package"].search(
            [("review_id", "=", review.id), ("scope", "=", "account")]
        )
        return packages.sorted(lambda p: (p.state != "proposed", -p.id))

    def _format_index(self, value, digits=1):
        return (
            MISSING if _missing(value) else formatLang(self.env, value, digits=digits)
        )

    def _format_share(self, value):
        if _missing(value):
            return MISSING
        return f"{formatLang(self.env, 100 * value, digits=0)} %"


class ReportQsrReviewCustomer(models.AbstractModel):
    """The customer-facing version: no internal note, no gap the customer may
    not see, no opportunity or revenue, no figure or comment attributed to one
    person, and other accounts only as anonymous norms."""

    _name = "report.qsr_reporting.report_qsr_review_customer"
    _inherit = "report.qsr_reporting.report_qsr_review_internal"
    _description = "QSR Account Report (PDF, Customer)"

    _customer = True
