/** @odoo-module **/

import {registry} from "@web/core/registry";

/**
 * A sales director opens the dashboard of wave 2041 Q1, clicks the tolerated
 * failing of its 2x2 priority chart, lands on the row in Fix for All of Them
 * and makes it a company-wide improvement for the Key tier: one gap per
 * account that holds it.
 */
registry.category("web_tour.tours").add("qsr_fix_for_all_tour", {
    url: "/odoo/action-qsr_reporting.qsr_dashboard_action",
    steps: () => [
        {
            content: "Show the wave 2041 Q1",
            trigger: ".o_qsr_dashboard .o_qsr_dashboard_wave",
            run: "selectByLabel 2041 Q1",
        },
        {
            content:
                "The chart has a point per row; Response time is a tolerated failing",
            trigger:
                ".o_qsr_matrix svg circle.o_qsr_point_tolerated[data-row='Response time']",
            run: "click",
        },
        {
            content:
                "Fix for All of Them lists the row by tier: fix it for the Key tier",
            trigger:
                ".o_list_view .o_data_row:has(td[name='tier_id']:contains('Key')) button.o_qsr_fix_for_all",
            run: "click",
        },
        {
            content: "The improvement is named after the row",
            trigger: ".modal .o_field_widget[name='name'] input:value('Response time')",
        },
        {
            content: "Two accounts hold it",
            trigger:
                ".modal .o_field_widget[name='account_ids']:contains('Account K1'):contains('Account K2')",
        },
        {
            content: "Set the due date",
            trigger: ".modal .o_field_widget[name='date_deadline'] input",
            run: "edit 06/30/2041",
        },
        {
            content: "Create the improvement",
            trigger: ".modal button[name='action_create']",
            run: "click",
        },
        {
            content: "The improvement holds a gap for each account",
            trigger:
                ".o_form_view .o_field_widget[name='gap_ids']:contains('Account K1'):contains('Account K2')",
        },
    ],
});

/**
 * An account manager opens the gap of their account on Response time, worth
 * 4,000 a year by the contacts' trade-offs, and makes it an opportunity: its
 * expected revenue is the gap's willingness to pay.
 */
registry.category("web_tour.tours").add("qsr_priced_gap_tour", {
    url: "/odoo/action-qsr_review.qsr_gap_action",
    steps: () => [
        {
            content: "Open the gap of Account K1",
            trigger: ".o_list_view .o_data_row:contains('Account K1') td[name='name']",
            run: "click",
        },
        {
            content: "Create its opportunity",
            trigger: ".o_form_view button[name='action_create_opportunity']",
            run: "click",
        },
        {
            content: "The opportunity opens with the suggested expected revenue",
            trigger:
                ".o_form_view:has(.o_field_widget[name='stage_id']) .o_field_widget[name='expected_revenue'] input:value('4,000')",
        },
    ],
});
