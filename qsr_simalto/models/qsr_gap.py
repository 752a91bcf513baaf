from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_amount


class QsrGap(models.Model):
    _inherit = "qsr.gap"

    attribute_id = fields.Many2one("qsr.grid.attribute", index="btree_not_null")
    area_id = fields.Many2one(
        "qsr.grid.area",
        compute="_compute_area_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    # what the row is worth to the account (SIMALTO.md, "Price row"), from the
    # submitted answers of the gap's review: internal figures, and they change
    # only with those answers
    wtp = fields.Monetary(
        string="Willingness to Pay",
        compute="_compute_evidence",
        store=True,
        currency_field="currency_id",
        groups="qsr_review.group_qsr_user",
        help="What improving the row is worth a year to this account: the "
        "weighted mean, over the review's submitted respondents, of what the "
        "points they spent on the row are worth at the grid's point value and "
        "the account's annual revenue when the review started. Zero when the "
        "grid has no price row: then nothing is priced.",
    )
    point_value = fields.Float(
        string="Point Value (%)",
        compute="_compute_evidence",
        store=True,
        groups="qsr_review.group_qsr_user",
        help="What one point was worth, in percent of what the account pays, "
        "on the grid the review's respondents answered. Zero: not priced.",
    )
    distress_share = fields.Float(
        compute="_compute_evidence",
        store=True,
        groups="qsr_review.group_qsr_user",
        help="Weighted share of the review's submitted respondents who receive "
        "less than their acceptable level on the row today.",
    )
    points_mean = fields.Float(
        string="Points Spent",
        compute="_compute_evidence",
        store=True,
        groups="qsr_review.group_qsr_user",
        help="Weighted mean of the net points the review's submitted "
        "respondents spent on the row over all rounds.",
    )
    respondent_count = fields.Integer(
        string="Respondents",
        compute="_compute_evidence",
        store=True,
        groups="qsr_review.group_qsr_user",
        help="The review's submitted respondents the figures are worked out from.",
    )
    evidence_partner_ids = fields.Many2many(
        "res.partner",
        "qsr_gap_evidence_partner_rel",
        "gap_id",
        "partner_id",
        string="Contacts Behind It",
        compute="_compute_evidence",
        store=True,
        groups="qsr_review.group_qsr_user",
        help="The submitted respondents in distress on the row or who spent "
        "points on it.",
    )

    # compute

    @api.depends("attribute_id")
    def _compute_area_id(self):
        for gap in self:
            gap.area_id = gap.attribute_id.area_id or gap.area_id

    # the lines of a submitted response no longer change: the figures follow
    # the submissions (and reopenings) and the weights, not every click
    @api.depends(
        "attribute_id",
        "review_id",
        "review_id.response_ids.state",
        "review_id.response_ids.weight",
    )
    def _compute_evidence(self):
        gaps = self.filtered(lambda gap: gap.attribute_id and gap.review_id)
        (self - gaps).update(
            {
                "wtp": 0.0,
                "point_value": 0.0,
                "distress_share": 0.0,
                "points_mean": 0.0,
                "respondent_count": 0,
                "evidence_partner_ids": False,
            }
        )
        if not gaps:
            return
        # the figures do not depend on who looks at the gap
        lines_sudo = (
            self.env["qsr.response.line"]
            .sudo()
            .search(
                [
                    ("response_id.review_id", "in", gaps.review_id.ids),
                    ("response_id.state", "=", "submitted"),
                    ("attribute_id", "in", gaps.attribute_id.ids),
                ]
            )
        )
        by_row = lines_sudo.grouped(
            lambda line: (line.response_id.review_id.id, line.attribute_id.id)
        )
        for gap in gaps:
            lines = by_row.get((gap.review_id.id, gap.attribute_id.id), lines_sudo[:0])
            weights = [line.response_id.weight or 1 for line in lines]
            total = sum(weights)

            def mean(values, weights=weights, total=total):
                return (
                    sum(w * v for w, v in zip(weights, values, strict=True)) / total
                    if total
                    else 0.0
                )

            gap.wtp = mean(lines.mapped("wtp"))
            gap.distress_share = mean([float(d) for d in lines.mapped("distress")])
            gap.points_mean = mean(lines.mapped("points_total"))
            gap.point_value = lines[:1].response_id.grid_id.point_value
            gap.respondent_count = len(lines)
            gap.evidence_partner_ids = lines.filtered(
                lambda line: line.distress or line.points_total > 0
            ).response_id.partner_id

    # actions

    def action_create_opportunity(self):
        """The opportunity's expected revenue is suggested from the gap's
        willingness to pay when none was typed on the gap; its chatter says
        where the figure came from."""
        suggested = self.filtered(
            lambda gap: (
                not gap.opportunity_id and not gap.expected_revenue and gap.sudo().wtp
            )
        )
        result = super().action_create_opportunity()
        for gap in suggested.filtered("opportunity_id"):
            gap.opportunity_id.message_post(body=gap._opportunity_note())
        return result

    # business

    def _prepare_opportunity_values(self, tag=None):
        values = super()._prepare_opportunity_values(tag=tag)
        if not self.expected_revenue:
            values["expected_revenue"] = self.sudo().wtp
        return values

    def _opportunity_note(self):
        """Where the suggested expected revenue of the gap's opportunity came
        from, for the opportunity's chatter."""
        self.ensure_one()
        gap = self.sudo()
        currency = gap.currency_id
        return Markup("<p>%s</p>") % self.env._(
            "Suggested from the willingness to pay of %(count)s contacts of "
            "%(account)s on %(row)s: %(wtp)s a year, the weighted mean of what "
            "the points they spent on the row are worth, at a point value of "
            "%(value).3f%% of the account's annual revenue of %(revenue)s "
            "(review %(review)s). Edit the expected revenue as you see fit.",
            count=gap.respondent_count,
            account=gap.partner_id.display_name,
            row=gap.attribute_id.name,
            wtp=format_amount(self.env, gap.wtp, currency),
            value=gap.point_value,
            revenue=format_amount(self.env, gap.review_id.account_revenue, currency),
            review=gap.review_id.display_name,
        )
