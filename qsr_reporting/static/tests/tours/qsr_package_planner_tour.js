/** @odoo-module **/

import {registry} from "@web/core/registry";

const TIER_PACKAGE = "Key tier within 30 points";
const HAND_PACKAGE = "Key tier by hand";

/**
 * Fill in a many2one of the current form by typing ``text`` and picking the
 * suggestion that reads ``item``.
 */
function pickMany2one(field, text, item = text) {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `.o_form_view .o_field_widget[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${item}`,
            trigger: `.o-autocomplete--dropdown-item a:contains(/^${item}$/)`,
            run: "click",
        },
        {
            // on a slow machine the next click may come before the pick lands
            content: `${field} reads ${item}, its suggestions closed`,
            trigger: `.o_form_view:not(:has(.o-autocomplete--dropdown-menu)) .o_field_widget[name='${field}'] input:value(${item})`,
        },
        {
            // leave the field: the onchange of the pick may still re-render
            // it, and would open its suggestions again while it has the focus
            content: `Leave ${field}`,
            trigger: ".o_form_view .o_form_sheet .oe_title",
            run: "click",
        },
        {
            content: `${field} still reads ${item}, its suggestions closed`,
            trigger: `.o_form_view:not(:has(.o-autocomplete--dropdown-menu)) .o_field_widget[name='${field}'] input:value(${item})`,
        },
    ];
}

function newTierPackage(name) {
    return [
        {
            content: `Name the package ${name}`,
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: `edit ${name}`,
        },
        // the tier first: the grid's onchange re-renders the form, and a
        // many2one typed while it runs may lose its pick
        ...pickMany2one("tier_id", "Key"),
        ...pickMany2one("grid_id", "Worked example"),
        {
            content: "Save the package",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
    ];
}

function row(name) {
    return `.o_field_widget[name='line_ids'] .o_data_row:has(td[name='attribute_id']:contains('${name}'))`;
}

/**
 * A sales director composes a package for the Key tier: Find Best Package
 * within 30 points, then a package of their own; compares them side by side,
 * and plans the best one for all the accounts of the tier.
 */
registry.category("web_tour.tours").add("qsr_package_planner_tour", {
    url: "/odoo/action-qsr_reporting.qsr_package_action",
    steps: () => [
        {
            content: "Create a package",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        ...newTierPackage(TIER_PACKAGE),
        {
            content: "Saved, the package starts at the typical levels: 48 h",
            trigger: `.o_form_view ${row("Response time")} td[name='typical_level_id']:contains('48 h')`,
        },
        {
            content: "Find the best package",
            trigger: ".o_form_view button[name='action_find_best_package']",
            run: "click",
        },
        {
            content: "A budget of 30 points",
            trigger: ".modal .o_field_widget[name='budget'] input",
            run: "edit 30",
        },
        {
            content: "Most rows acceptable",
            trigger:
                ".modal .o_field_widget[name='objective'] input[data-value='rows_acceptable']",
            run: "click",
        },
        {
            content: "Apply the levels found",
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "Response time moves to 24 h, acceptable to everybody",
            trigger: `.o_form_view:not(:has(.modal)) ${row("Response time")} td[name='level_id']:contains('24 h')`,
        },
        {
            content: "Make a package by hand",
            trigger: ".o_form_view .o_form_button_create",
            run: "click",
        },
        ...newTierPackage(HAND_PACKAGE),
        {
            content: "Edit the level of Response time",
            trigger: `.o_form_view ${row("Response time")} td[name='level_id']`,
            run: "click",
        },
        {
            content: "Offer 8 h",
            trigger: `.o_form_view ${row("Response time")} td[name='level_id'] input`,
            run: "edit 8 h",
        },
        {
            content: "Pick 8 h",
            trigger: ".o-autocomplete--dropdown-item a:contains(/^8 h$/)",
            run: "click",
        },
        {
            content: "Save the hand-made package",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Its figures are recomputed on save: 10 points",
            trigger:
                ".o_form_view .o_inner_group .o_field_widget[name='cost']:contains('10.00')",
        },
        {
            content: "Back to the packages",
            trigger: ".o_breadcrumb a:contains('Packages')",
            run: "click",
        },
        {
            content: "Select the best package",
            trigger: `.o_list_view .o_data_row:contains('${TIER_PACKAGE}') td.o_list_record_selector input`,
            run: "click",
        },
        {
            content: "Select the hand-made package",
            trigger: `.o_list_view .o_data_row:contains('${HAND_PACKAGE}') td.o_list_record_selector input`,
            run: "click",
        },
        {
            content: "Open the actions",
            trigger: ".o_cp_action_menus button",
            run: "click",
        },
        {
            content: "Compare them",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Compare')",
            run: "click",
        },
        {
            content: "Both packages are compared",
            trigger: `.modal .o_field_widget[name='package_ids'] .o_data_row:contains('${TIER_PACKAGE}') ~ .o_data_row:contains('${HAND_PACKAGE}'), .modal .o_field_widget[name='package_ids'] .o_data_row:contains('${HAND_PACKAGE}') ~ .o_data_row:contains('${TIER_PACKAGE}')`,
        },
        {
            content: "The chart has a bar per package and figure",
            trigger: `.modal .o_field_widget[name='chart'] svg rect.o_qsr_bar[data-figure='rows_acceptable'][data-package='${HAND_PACKAGE}']`,
        },
        {
            content: "They differ on Response time: 24 h against 8 h",
            trigger:
                ".modal .o_field_widget[name='difference_html'] tr[data-row='Response time']:has(td:contains(/^24 h$/)):has(td:contains(/^8 h$/))",
        },
        {
            content: "Close the comparison",
            trigger: ".modal .modal-footer button:contains('Close')",
            run: "click",
        },
        {
            content: "Open the best package",
            trigger: `.o_list_view:not(:has(.modal)) .o_data_row:contains('${TIER_PACKAGE}') td[name='name']`,
            run: "click",
        },
        {
            content: "Plan it for all the accounts of the tier",
            trigger: ".o_form_view button[name='action_plan_for_all']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "A company-wide improvement is created",
            trigger:
                ".o_form_view button[name='action_view_improvements']:contains('Improvements')",
        },
    ],
});
