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

    /** Width (in %) of a bar showing ``value`` out of ``scale``. */
    barWidth(value, scale) {
        if (!scale || !value) {
            return 0;
        }
        return Math.max(0, Math.min(100, (100 * value) / scale));
    }

    /** The KPI cards: figure, what it counts and what a click opens. */
    get kpis() {
        const {coverage, gaps, pipeline, win_loss: winLoss} = this.state.data;
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
                    hint: _t("Ongoing opportunities tagged QSR or made from a gap"),
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
                    hint: _t("QSR opportunities won, all time"),
                    target: pipeline.open_won,
                },
                {
                    key: "win_loss",
                    title: _t("Win:loss, key accounts"),
                    value: `${winLoss.won} : ${winLoss.lost}`,
                    details: winLoss.lost
                        ? _t("ratio %s", this.number(winLoss.ratio, 2))
                        : "",
                    hint: _t(
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

    get priorityScale() {
        const values = [
            ...this.state.data.areas.map((area) => area.priority_index),
            ...this.state.data.priorities.map((row) => row.priority_index),
        ];
        return Math.max(1, ...values);
    }
}

registry.category("actions").add("qsr_reporting.dashboard", QsrDashboard);
