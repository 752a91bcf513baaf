"""The figures of one review as pandas frames, for its XLSX and PDF reports.

``review_frames(review, customer=False)`` gathers them; the customer-facing
version leaves out what only we may see (see its docstring).
"""

import pandas as pd

from odoo.tools import html2plaintext

from ..models.qsr_report_response_line import MIN_NORM_ACCOUNTS

PRIORITY_COLUMNS = [
    "area",
    "attribute",
    "priority_index",
    "distress_share",
    "first_round_share",
    "norm_current",
    "norm_acceptable",
    "norm_ideal",
    "gap_steps",
    "spread",
    "respondent_count",
]


def selection_labels(records, field_name):
    """{value: translated label} of a selection field."""
    field = records._fields[field_name]
    return dict(field._description_selection(records.env))


def review_frames(review, customer=False):
    """Frames of ``review`` (the caller has checked that the user may read it):

    ``participants`` (who took part and, internally, their figures),
    ``priorities`` (the engine's summary per attribute), ``benchmark`` (the
    account beside its tier and the portfolio), ``trend`` (per wave),
    ``comments``, ``gaps``, ``opportunities``; plus ``header`` pairs.

    With ``customer``: no figure per person and no comment attributed to a
    person, no gap the customer may not see, no opportunity, revenue or
    internal note, and tier and portfolio figures only as anonymous norms over
    at least ``MIN_NORM_ACCOUNTS`` accounts, never naming another account or
    the account's tier.
    """
    review.ensure_one()
    analysis = review._analysis()
    frames = {
        "participants": _participants(review, analysis, customer),
        "priorities": _priorities(analysis),
        "benchmark": _benchmark(review, customer),
        "trend": _trend(review, customer),
        "comments": _comments(review, customer),
        "gaps": _gaps(review, customer),
        "opportunities": (_opportunities(review) if not customer else pd.DataFrame()),
        "header": _header(review, customer),
    }
    return frames


def _header(review, customer):
    env = review.env
    pairs = [
        (env._("Review"), review.name),
        (env._("Account"), review.partner_id.name),
    ]
    if not customer:
        pairs.append((env._("Tier"), review.tier_id.name))
    pairs += [
        (env._("Wave"), review.wave_id.name),
        (env._("Planned For"), review.date_planned),
        (env._("Meeting"), review.meeting_date and review.meeting_date.date()),
        (env._("Account Manager"), review.user_id.name),
        (env._("Executive Sponsor"), review.sponsor_id.name),
        (env._("Grids Submitted"), review.submitted_count),
        (env._("Participants"), len(review.participant_ids)),
    ]
    questions = (
        "answer_account_manager",
        "answer_company",
        "answer_total_satisfaction",
    )
    pairs += [
        (review._fields[f]._description_string(env), review[f]) for f in questions
    ]
    if not customer:
        pairs += [
            (env._("Meeting Summary"), html2plaintext(review.summary or "")),
            (env._("Internal Notes"), html2plaintext(review.note or "")),
        ]
    return [(label, value or "") for label, value in pairs]


def _participants(review, analysis, customer):
    levels = selection_labels(review.participant_ids, "contact_level")
    states = selection_labels(review.participant_ids, "response_state")
    people = {
        response.participant_id: row for response, row in analysis.get("people", [])
    }
    rows = []
    for participant in review.participant_ids:
        figures = people.get(participant)
        row = {
            "contact": participant.partner_id.name,
            "function": participant.function or "",
            "level": levels.get(participant.contact_level, ""),
        }
        if not customer:
            row |= {
                "weight": participant.weight,
                "state": states.get(participant.response_state, ""),
                "interview": bool(participant.response_id.interview),
                "performance": figures.performance if figures else None,
                "distress_count": figures.distress_count if figures else None,
                "distressed": figures.distressed_attributes if figures else "",
            }
        rows.append(row)
    return pd.DataFrame(rows)


def _priorities(analysis):
    summary = analysis.get("summary")
    if summary is None:
        return pd.DataFrame(columns=["attribute_id", *PRIORITY_COLUMNS])
    table = summary.rename(columns={"area_name": "area", "attribute_name": "attribute"})
    table = table[["attribute_id", *PRIORITY_COLUMNS]].reset_index(drop=True)
    table["rank"] = table["priority_index"].rank(ascending=False, method="min")
    return table


def _benchmark(review, customer):
    """``_benchmark`` of the account in the review's wave: for the account
    team with its priority classes, willingness to pay and competitor
    comparison; for a customer, without them and with norms over too few
    accounts blank."""
    Report = review.env["qsr.report.response.line"]
    account, wave = review.partner_id, review.wave_id
    table = Report._benchmark(
        account, wave or None, review.tier_id, internal=not customer
    )
    if table.empty:
        return table.assign(attribute=[], area=[], tier_accounts=[])
    if customer:
        for prefix in ("tier", "portfolio"):
            few = table[f"{prefix}_accounts"] < MIN_NORM_ACCOUNTS
            for measure in Report.BENCHMARK_MEASURES:
                table[f"{prefix}_{measure}"] = table[f"{prefix}_{measure}"].mask(few)
    return table.reset_index()


def _trend(review, customer):
    Report = review.env["qsr.report.response.line"]
    rows = Report._trend(review.partner_id)
    frame = pd.DataFrame(
        [
            {
                "wave_id": row["wave"].id,
                "wave": row["wave"].name,
                "date_start": row["wave"].date_start,
                "performance": row["performance"],
                "distress_share": row["distress_share"],
                "portfolio_performance": row["portfolio_performance"],
                "portfolio_distress_share": row["portfolio_distress_share"],
            }
            for row in rows
        ],
        columns=[
            "wave_id",
            "wave",
            "date_start",
            "performance",
            "distress_share",
            "portfolio_performance",
            "portfolio_distress_share",
        ],
    )
    if customer and not frame.empty:
        counts = dict(
            review.env["qsr.report.account.wave"]
            .sudo()
            ._read_group(
                [("wave_id", "in", frame["wave_id"].tolist())],
                ["wave_id"],
                ["account_id:count_distinct"],
            )
        )
        few = frame["wave_id"].map(
            lambda w: counts.get(review.env["qsr.wave"].browse(w), 0)
        )
        few = few < MIN_NORM_ACCOUNTS
        for column in ("portfolio_performance", "portfolio_distress_share"):
            frame[column] = frame[column].mask(few)
    return frame


def _comments(review, customer):
    env = review.env
    submitted = review.response_ids.filtered(lambda r: r.state == "submitted")
    rows = [
        {
            "contact": response.partner_id.name,
            "attribute": env._("Overall"),
            "comment": response.comment,
        }
        for response in submitted.filtered("comment")
    ]
    rows += [
        {
            "contact": line.response_id.partner_id.name,
            "attribute": line.attribute_id.name,
            "comment": line.comment,
        }
        for line in submitted.line_ids.filtered("comment")
    ]
    frame = pd.DataFrame(rows, columns=["contact", "attribute", "comment"])
    if customer:
        frame = frame.drop(columns="contact")
    return frame


def _gaps(review, customer):
    gaps = review.gap_ids
    if customer:
        gaps = gaps.filtered("customer_visible")
    priorities = selection_labels(gaps, "priority")
    states = selection_labels(gaps, "state")
    departments = selection_labels(gaps, "department")
    rows = []
    for gap in gaps:
        row = {
            "gap": gap.name,
            "area": gap.area_id.name or "",
            "attribute": gap.attribute_id.name or "",
            "owner": gap.user_id.name or "",
            "department": departments.get(gap.department, ""),
            "date_deadline": gap.date_deadline or None,
            "state": states[gap.state],
        }
        if not customer:
            row |= {
                "priority": priorities.get(gap.priority, ""),
                "overdue": bool(gap.is_overdue),
                "customer_visible": gap.customer_visible,
                "expected_revenue": gap.expected_revenue,
                "opportunity": _opportunity_name(gap),
            }
        rows.append(row)
    columns = ["gap", "area", "attribute", "owner", "department", "date_deadline"]
    columns += ["state"]
    if not customer:
        columns += [
            "priority",
            "overdue",
            "customer_visible",
            "expected_revenue",
            "opportunity",
        ]
    return pd.DataFrame(rows, columns=columns)


def _readable_opportunities(gaps):
    """The opportunities of ``gaps`` that the user may read (a QSR user need
    not have access to the CRM)."""
    return gaps.opportunity_id._filtered_access("read")


def _opportunity_name(gap):
    lead = _readable_opportunities(gap)
    return lead.name or ""


def _opportunities(review):
    leads = _readable_opportunities(review.gap_ids)
    gap_of = {gap.opportunity_id: gap for gap in review.gap_ids if gap.opportunity_id}
    rows = [
        {
            "opportunity": lead.name,
            "gap": gap_of[lead].name,
            "stage": lead.stage_id.name or "",
            "salesperson": lead.user_id.name or "",
            "expected_revenue": lead.expected_revenue,
            "probability": lead.probability / 100,
            "active": lead.active,
        }
        for lead in leads
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "opportunity",
            "gap",
            "stage",
            "salesperson",
            "expected_revenue",
            "probability",
            "active",
        ],
    )
