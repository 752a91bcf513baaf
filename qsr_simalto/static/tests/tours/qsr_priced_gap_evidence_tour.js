/** @odoo-module **/

import {registry} from "@web/core/registry";

/**
 * The account manager opens a priced gap: what the row is worth a year to the
 * account and the evidence behind it; creating its opportunity suggests that
 * figure as the expected revenue, and the opportunity says where it came from.
 */
registry.category("web_tour.tours").add("qsr_priced_gap_evidence_tour", {
    steps: () => [
        {
            content: "The gap says what the row is worth a year to the account",
            trigger:
                ".o_form_view .alert-success:contains('Worth about'):contains('100,000.00')",
        },
        {
            content: "with the contacts behind it",
            trigger:
                ".o_form_view .o_field_widget[name='evidence_partner_ids']:contains('Alice Exec'):contains('Oscar Operator')",
        },
        {
            content: "and the share of them in distress",
            trigger:
                ".o_form_view .o_field_widget[name='distress_share']:contains('75')",
        },
        {
            content: "Create the opportunity",
            trigger: ".o_form_view button[name='action_create_opportunity']",
            run: "click",
        },
        {
            content:
                "The opportunity suggests the willingness to pay as its expected revenue",
            trigger:
                ".o_form_view .o_field_widget[name='expected_revenue'] input:value('100,000.00')",
        },
        {
            content: "and its chatter says where the figure came from",
            trigger:
                ".o-mail-Message:contains('Suggested from the willingness to pay of 2 contacts')",
        },
    ],
});
