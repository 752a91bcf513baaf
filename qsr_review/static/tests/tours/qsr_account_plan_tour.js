/** @odoo-module **/

import {registry} from "@web/core/registry";

// The account manager opens the account plan, activates it, adds an objective
// measured from CRM and reads "You said, we did"; then finds it on the kanban.
registry.category("web_tour.tours").add("qsr_account_plan_tour", {
    steps: () => [
        {
            content: "Open the plan from the list",
            trigger: ".o_list_view .o_data_cell:contains('Alpha Industries 2025')",
            run: "click",
        },
        {
            content: "A new plan is a draft",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Draft')",
        },
        {
            content: "Activate it",
            trigger: ".o_form_view button[name='action_activate']",
            run: "click",
        },
        {
            content: "The plan is active",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Active')",
        },
        {
            content: "Add an objective",
            trigger:
                ".o_field_widget[name='objective_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name it",
            trigger:
                ".o_field_widget[name='objective_ids'] .o_selected_row .o_field_widget[name='name'] input",
            run: "edit Win two deals",
        },
        {
            content: "Measured by the opportunities won",
            trigger:
                ".o_field_widget[name='objective_ids'] .o_selected_row .o_field_widget[name='measure'] select",
            run: 'select "won_count"',
        },
        {
            content: "Aim for four",
            trigger:
                ".o_field_widget[name='objective_ids'] .o_selected_row .o_field_widget[name='target'] input",
            run: "edit 4",
        },
        {
            content: "Save the plan",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The objective shows what CRM says: two won in 2025",
            trigger:
                ".o_field_widget[name='objective_ids'] .o_data_row:contains('Win two deals') .o_data_cell[name='actual']:contains('2.00')",
        },
        {
            content: "Open You Said, We Did",
            trigger: ".o_form_view .o_notebook .nav-link:contains('You Said, We Did')",
            run: "click",
        },
        {
            content: "The earlier wave's gap with what was done",
            trigger:
                ".o_field_widget[name='said_did_gap_ids'] .o_data_row:contains('Late deliveries'):contains('A second daily truck')",
        },
        {
            content: "Back to the plans",
            trigger:
                ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "Switch to the kanban",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "The plan is in the Active column",
            trigger:
                ".o_kanban_group:contains('Active') .o_kanban_record:contains('Alpha Industries 2025')",
        },
    ],
});
