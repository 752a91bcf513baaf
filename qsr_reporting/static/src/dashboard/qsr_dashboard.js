/** @odoo-module **/

import {Component, onWillStart, useState} from "@odoo/owl";
import {
    formatFloat,
    formatMonetary,
    formatPercentage,
} from "@web/views/fields/formatters";
import {KeepLast} from "@web/core/utils/concurrency";
import {Layout} from "@web/search/layout";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {useService} from "@web/core/utils/hooks";

/**
 * The sales directors' dashboard: coverage of the key accounts, priorities and
 * distress by area, gaps by owner and department, QSR pipeline and win:loss,
 * all from one call to qsr.dashboard.get_data for the chosen wave and grid.
 */
export class QsrDashboard extends Component {
    static template = "qsr_reporting.Dashboard";
    static components = {Layout};
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.keepLast = new KeepLast();
        this.state = useState({data: null, loading: true});
        this.display = {controlPanel: {}};
        onWillStart(() => this.load(this.props.action.context?.wave_id || false));
    }

    async load(waveId, gridId = false) {
        this.state.loading = true;
        const data = await this.keepLast.add(
            this.orm.call("qsr.dashboard", "get_data", [], {
                wave_id: waveId,
                grid_id: gridId,
            })
        );
        Object.assign(this.state, {data, loading: false});
    }

    onWaveChange(ev) {
        this.load(parseInt(ev.target.value, 10) || false, this.state.data?.grid?.id);
    }

    onGridChange(ev) {
        this.load(this.state.data?.wave?.id || false, parseInt(ev.target.value, 10));
    }

    /** Opens the records behind a figure ({res_model, domain, views}). */
    open(target, name) {
        if (!target) {
            return;
        }
        this.actionService.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: target.res_model,
            domain: target.domain,
            views: target.views.map((view) => [false, view]),
            target: "current",
        });
    }

    // Formatting

    percent(value) {
        return value === null || value === undefined || value === false
            ? "-"
            : formatPercentage(value, {digits: [16, 0]});
    }

    number(value, digits = 1) {
        return value === null || value === undefined || value === false
            ? "-"
            : formatFloat(value, {digits: [16, digits]});
    }

    money(value) {
        return formatMonetary(value || 0, {
            currencyId: this.state.data.currency_id,
            digits: [16, 0],
        });
    }

    /** The colour of a health band (0-39, 40-69, 70-100). */
    healthClass(band) {
        return (
            {
                risk: "text-bg-danger",
                watch: "text-bg-warning",
                healthy: "text-bg-success",
            }[band] || "text-bg-secondary"
        );
    }

    /** Width (in %) of a bar showing ``value`` out of ``scale``. */
    barWidth(value, scale) {
        if (!scale || !value) {
            return 0;
        }
        return Math.max(0, Math.min(100, (100 * value) / scale));
    }

    /** The KPI cards: figure, what it counts and what a click opens. */
    get kpis() {
        const {coverage, gaps, pipeline, win_loss: winLoss, wave} = this.state.data;
        const kpis = [
            {
                key: "coverage",
                title: _t("Key accounts reviewed"),
                value: this.percent(coverage.reviewed_share),
                details: `${coverage.reviewed} / ${coverage.key_accounts}`,
                hint: _t(
                    "Key accounts (companies of a tier with a review cadence) with a review in the wave"
                ),
                target: coverage.open_reviews,
            },
            {
                key: "executive",
                title: _t("With an executive respondent"),
                value: this.percent(coverage.executive_share),
                details: `${coverage.with_executive} / ${coverage.key_accounts}`,
                hint: _t(
                    "Key accounts where an executive submitted a grid in the wave"
                ),
                target: coverage.open_key_accounts,
            },
            {
                key: "response_rate",
                title: _t("Response rate"),
                value: this.percent(coverage.response_rate),
                details: `${coverage.submitted} / ${coverage.invited}`,
                hint: _t("Grids submitted out of the grids sent in the wave"),
                target: coverage.open_responses,
            },
            {
                key: "gaps",
                title: _t("Open gaps"),
                value: String(gaps.open),
                details: _t("%s overdue", gaps.overdue),
                hint: _t("Gaps still open, found in reviews up to the end of the wave"),
                target: gaps.open_gaps,
            },
        ];
        if (pipeline) {
            kpis.push(
                {
                    key: "pipeline",
                    title: _t("QSR pipeline"),
                    value: this.money(pipeline.expected_revenue),
                    details: _t("%s opportunities", pipeline.count),
                    hint: wave
                        ? _t(
                              "Ongoing opportunities tagged QSR or made from a gap, opened during the wave"
                          )
                        : _t("Ongoing opportunities tagged QSR or made from a gap"),
                    target: pipeline.open_pipeline,
                },
                {
                    key: "won",
                    title: _t("QSR won"),
                    value: this.money(pipeline.won_revenue),
                    details: _t("%(won)s won, %(lost)s lost", {
                        won: pipeline.won_count,
                        lost: pipeline.lost_count,
                    }),
                    hint: wave
                        ? _t("QSR opportunities won and lost during the wave")
                        : _t("QSR opportunities won and lost, all time"),
                    target: pipeline.open_won,
                },
                {
                    key: "win_loss",
                    title: _t("Win:loss, key accounts"),
                    value: `${winLoss.won} : ${winLoss.lost}`,
                    details: winLoss.lost
                        ? _t("ratio %s", this.number(winLoss.ratio, 2))
                        : "",
                    hint: wave
                        ? _t(
                              "Opportunities of tiered accounts won against lost during the wave"
                          )
                        : _t(
                              "Opportunities of tiered accounts won against lost, all time"
                          ),
                    target: winLoss.open_lost,
                }
            );
        }
        return kpis;
    }

    get gapTables() {
        const {gaps} = this.state.data;
        return [
            {
                key: "owner",
                title: _t("Open gaps by owner"),
                label: _t("Owner"),
                rows: gaps.by_owner,
            },
            {
                key: "department",
                title: _t("Open gaps by department"),
                label: _t("Department"),
                rows: gaps.by_department,
            },
        ];
    }

    /** Opens a point of the chart from the keyboard as a click does. */
    onPointKeydown(ev, point) {
        if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            this.open(point.open, point.name);
        }
    }

    /**
     * The 2x2 priority chart: distress share (x, 0..1) against priority index
     * (y), one point per row sized by its willingness to pay where the grid is
     * priced, with the thresholds of the priority classes.
     */
    get chart() {
        const {matrix} = this.state.data;
        const width = 520;
        const height = 340;
        const pad = {left: 52, right: 16, top: 16, bottom: 44};
        const plotWidth = width - pad.left - pad.right;
        const plotHeight = height - pad.top - pad.bottom;
        const threshold = matrix.priority_threshold || 0;
        const maxY = Math.max(
            1,
            2 * threshold,
            ...matrix.points.map((point) => 1.1 * point.priority_index)
        );
        const maxWtp = Math.max(0, ...matrix.points.map((point) => point.wtp || 0));
        const clamp = (value) => Math.min(1, Math.max(0, value));
        const x = (value) => pad.left + plotWidth * clamp(value);
        const y = (value) => pad.top + plotHeight * (1 - clamp(value / maxY));
        const points = matrix.points.map((point) => {
            const worth =
                point.wtp === null
                    ? ""
                    : _t(", worth %s a year", this.money(point.wtp));
            return {
                ...point,
                cx: x(point.distress_share),
                cy: y(point.priority_index),
                r: maxWtp ? 5 + 13 * Math.sqrt((point.wtp || 0) / maxWtp) : 7,
                title: _t(
                    "%(name)s: %(class)s. In distress %(distress)s, priority index %(priority)s%(worth)s.",
                    {
                        name: point.name,
                        class: point.class_label,
                        distress: this.percent(point.distress_share),
                        priority: this.number(point.priority_index),
                        worth,
                    }
                ),
            };
        });
        // The biggest behind, so that every point can be clicked
        points.sort((a, b) => b.r - a.r);
        const xTicks = [0, 0.25, 0.5, 0.75, 1].map((value) => ({
            value,
            at: x(value),
            label: this.percent(value),
        }));
        // About four ticks, at round numbers
        const step =
            [1, 2, 5, 10, 20, 25, 50].find((candidate) => maxY / candidate <= 5) || 100;
        const yTicks = [];
        for (let value = 0; value <= maxY; value += step) {
            yTicks.push({value, at: y(value), label: String(value)});
        }
        const left = pad.left;
        const right = width - pad.right;
        const top = pad.top;
        const bottom = height - pad.bottom;
        const {classes} = matrix;
        return {
            width,
            height,
            left,
            right,
            top,
            bottom,
            distressAt: x(matrix.distress_threshold || 0),
            priorityAt: y(threshold),
            points,
            xTicks,
            yTicks,
            quadrants: [
                {
                    key: "fix_first",
                    label: classes.fix_first,
                    x: right - 6,
                    y: top + 14,
                    anchor: "end",
                },
                {
                    key: "tolerated",
                    label: classes.tolerated,
                    x: right - 6,
                    y: bottom - 8,
                    anchor: "end",
                },
                {
                    key: "growth",
                    label: classes.growth,
                    x: left + 6,
                    y: top + 14,
                    anchor: "start",
                },
                {
                    key: "strength",
                    label: classes.strength,
                    x: left + 6,
                    y: bottom - 8,
                    anchor: "start",
                },
            ],
        };
    }

    get revenueScale() {
        return Math.max(0, ...this.state.data.revenue.rows.map((row) => row.wtp));
    }

    get priorityScale() {
        const values = [
            ...this.state.data.areas.map((area) => area.priority_index),
            ...this.state.data.priorities.map((row) => row.priority_index),
        ];
        return Math.max(1, ...values);
    }
}

registry.category("actions").add("qsr_reporting.dashboard", QsrDashboard);
