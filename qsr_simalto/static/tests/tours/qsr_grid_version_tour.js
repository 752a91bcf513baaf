/** @odoo-module **/

import {registry} from "@web/core/registry";

/**
 * A QSR manager tries to raise a cost on a grid that has been answered: the
 * change is refused and New Version offered; the new version opens, and the
 * account's next review is planned on it.
 */
registry.category("web_tour.tours").add("qsr_grid_version_tour", {
    url: "/odoo/action-qsr_simalto.qsr_grid_action",
    steps: () => [
        {
            content: "Open the answered grid",
            trigger:
                ".o_list_view .o_data_row td[name='name']:contains('Worked example')",
            run: "click",
        },
        {
            content: "The form says the grid is frozen",
            trigger: ".o_form_view .alert:contains('has been answered')",
        },
        {
            content: "Open the rows",
            trigger: ".o_notebook_headers a:contains('Attributes')",
            run: "click",
        },
        {
            content: "Open the row Response time",
            trigger:
                ".o_field_widget[name='attribute_ids'] .o_data_row td[name='name']:contains('Response time')",
            run: "click",
        },
        {
            content: "Select the cost of the 24 h level",
            trigger:
                ".modal .o_field_widget[name='level_ids'] .o_data_row:contains('24 h') td[name='cost']",
            run: "click",
        },
        {
            content: "Raise the cost",
            trigger:
                ".modal .o_field_widget[name='level_ids'] .o_selected_row .o_field_widget[name='cost'] input",
            run: "edit 5",
        },
        {
            content: "Keep the change to the row",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Save the grid",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The change is refused and a new version offered",
            trigger: ".o_error_dialog:contains('has been answered')",
        },
        {
            content: "Create the new version",
            trigger: ".modal-footer button.btn-primary:contains('New Version')",
            run: "click",
        },
        {
            content: "Leave the refused change behind",
            trigger: ".modal-footer button:contains('Discard')",
            run: "click",
        },
        {
            content: "Version 2 is open and replaces version 1",
            trigger:
                ".o_form_view .o_field_widget[name='previous_version_id']:contains('Worked example')",
        },
        {
            content: "Open the reviews",
            trigger:
                ".o_main_navbar button[data-menu-xmlid='qsr_review.menu_qsr_review_cycle']",
            run: "click",
        },
        {
            content: "Open the reviews",
            trigger: "a[data-menu-xmlid='qsr_review.menu_qsr_reviews']",
            run: "click",
        },
        {
            content: "Open the review of Alpha Industries",
            trigger: ".o_kanban_record:contains('Alpha Industries')",
            run: "click",
        },
        {
            content: "Plan the next review",
            trigger: ".o_form_view button[name='action_plan_next_review']",
            run: "click",
        },
        {
            content: "The next review answers version 2 of the grid",
            trigger:
                ".o_form_view .o_field_widget[name='grid_id'] input:value('Worked example (version 2)')",
        },
    ],
});
