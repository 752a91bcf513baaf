/** @odoo-module **/

import {registry} from "@web/core/registry";

// An account manager tiers the tier candidates: one with the row's Apply
// button, two at once with Apply Suggested Tier on the selection.
registry.category("web_tour.tours").add("qsr_tier_candidates_tour", {
    steps: () => [
        {
            content: "Apply the suggested tier of one candidate",
            trigger:
                ".o_list_view .o_data_row:contains('T Cand One') button[name='action_apply_suggested_tier']",
            run: "click",
        },
        {
            content: "It is no candidate any more",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains('T Cand One'))) .o_data_row:contains('T Cand Two')",
        },
        {
            content: "Select the second candidate",
            trigger:
                ".o_list_view .o_data_row:contains('T Cand Two') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the third candidate",
            trigger:
                ".o_list_view .o_data_row:contains('T Cand Three') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Apply the suggested tier of the selection",
            trigger:
                ".o_list_selection_container button:contains('Apply Suggested Tier')",
            run: "click",
        },
        {
            content: "No candidate left of the three",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains('T Cand Two'))):not(:has(.o_data_row:contains('T Cand Three')))",
        },
    ],
});
