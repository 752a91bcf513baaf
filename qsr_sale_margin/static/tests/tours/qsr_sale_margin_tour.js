/** @odoo-module **/

import {registry} from "@web/core/registry";

// The account manager brings an account's margins up to date, then types its
// profitability by hand, with the reason, over what the margins say.
registry.category("web_tour.tours").add("qsr_sale_margin_tour", {
    steps: () => [
        {
            content: "Open the Key Account page",
            trigger: ".o_form_view .o_notebook a[name='qsr_key_account']",
            run: "click",
        },
        {
            content: "Not computed yet",
            trigger:
                ".o_field_widget[name='qsr_profitability_origin']:contains('not computed yet')",
        },
        {
            content: "Update the margins",
            trigger: ".o_form_view button[name='action_qsr_update_margins']",
            run: "click",
        },
        {
            content: "The class follows the margin of 30 %",
            trigger:
                ".o_field_widget[name='qsr_profitability_origin']:contains('From sale margins: 30.00 %')",
        },
        {
            content: "The class is not typed while it follows the margins",
            trigger:
                ".o_field_widget[name='qsr_profitability'].o_readonly_modifier:contains('Profitable')",
        },
        {
            content: "Type it by hand",
            trigger: ".o_field_widget[name='qsr_profitability_source'] select",
            run: 'select "manual"',
        },
        {
            content: "Say why",
            trigger: ".o_field_widget[name='qsr_profitability_override_reason'] input",
            run: "edit Price war with a competitor",
        },
        {
            content: "Choose the class",
            trigger: ".o_field_widget[name='qsr_profitability'] select",
            run: 'select "unlikely"',
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The form says it is typed by hand, and why",
            trigger:
                ".o_form_saved .o_field_widget[name='qsr_profitability_origin']:contains('Typed by hand: Price war with a competitor')",
        },
    ],
});
