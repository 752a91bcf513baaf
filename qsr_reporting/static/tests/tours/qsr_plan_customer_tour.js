/** @odoo-module **/

import {registry} from "@web/core/registry";

// The demo customer, Katrin Vogel of Nordhaven: her grid of the current wave
// waits to be answered (the default grid: 30 rows, the price row's level today
// is "as now" for everyone), then she opens her account plan, comments on it
// and finds its PDF.
const ROWS = 30;
const COMMENT = "Could we add the Hamburg plant to the plan?";

/** Mark ``position`` on every row; a row where it cannot be marked (the price
 * row today) keeps the level it has. */
function markAll(position) {
    return [...Array(ROWS).keys()].map((index) => ({
        content: `Row ${index + 1}: level ${position}`,
        trigger: `.o_qsr_grid:not(.o_qsr_busy) tr.o_qsr_row[data-row-index='${index}']`,
        run() {
            const radio = this.anchor.querySelector(
                `input.o_qsr_radio[data-position='${position}']`
            );
            if (radio && !radio.disabled && !radio.checked) {
                radio.click();
            }
        },
    }));
}

function saved() {
    return {
        content: "Every click is saved",
        trigger:
            ".o_qsr_grid:not(.o_qsr_busy):not(:has(.o_qsr_message_shown)) .o_qsr_table",
    };
}

function next(content, stepSelector) {
    return [
        {
            content: "Next step",
            trigger: ".o_qsr_grid:not(.o_qsr_busy) button.o_qsr_next",
            run: "click",
        },
        {content, trigger: `.o_qsr_steps .o_qsr_step_current${stepSelector}`},
    ];
}

registry.category("web_tour.tours").add("qsr_plan_customer_tour", {
    steps: () => [
        // Her pending grid
        {
            content: "Open the grid waiting for her answers",
            trigger: "tr.o_qsr_grid_item:has(.text-bg-warning) a",
            run: "click",
        },
        {
            content: "The grid opens at Today",
            trigger: ".o_qsr_steps .o_qsr_step_current[data-step='current']",
        },
        ...markAll(2),
        saved(),
        ...next("On to the acceptable levels", "[data-step='acceptable']"),
        ...markAll(2),
        saved(),
        ...next("On to the ideal levels", "[data-step='ideal']"),
        ...markAll(4),
        saved(),
        ...next("Round 1", ":contains('Round 1')"),
        ...next("Round 2", ":contains('Round 2')"),
        ...next("Round 3", ":contains('Round 3')"),
        ...next("On to the review", "[data-step='review']"),
        {
            content: "Submit",
            trigger: ".o_qsr_grid:not(.o_qsr_busy) button.o_qsr_submit",
            run: "click",
        },
        {
            content: "Thank you",
            trigger: ".o_qsr_thanks:contains('Thank you')",
        },
        // Her account plan
        {
            content: "Back to her account",
            trigger: ".o_qsr_thanks",
            run() {
                window.location.assign("/my");
            },
        },
        {
            content: "The account plan is listed on her portal",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/qsr/plans']",
            run: "click",
        },
        {
            content: "Open the published plan",
            trigger: "tr.o_qsr_plan_row a",
            run: "click",
        },
        {
            content: "The plan shows the objectives of both sides",
            trigger:
                ".o_qsr_plan:has(.o_qsr_plan_objective[data-side='ours']) .o_qsr_plan_objective[data-side='theirs']",
        },
        {
            content: "and her results",
            trigger: "#qsr_plan_results .o_qsr_plan_results",
        },
        {
            content: "and what we did about what she said",
            trigger: "#qsr_plan_said_did h3",
        },
        {
            content: "The PDF of the plan can be downloaded",
            trigger:
                "a.o_qsr_plan_pdf[href*='report_type=pdf'][href*='download=true']:contains('Download PDF')",
        },
        // Her comment
        {
            content: "Write a comment",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: `edit ${COMMENT}`,
        },
        {
            content: "Send it",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The comment shows under the plan",
            trigger: `#chatterRoot:shadow .o-mail-Message:contains('${COMMENT}')`,
        },
    ],
});
