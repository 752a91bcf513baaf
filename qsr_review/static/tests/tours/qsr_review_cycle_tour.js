/** @odoo-module **/

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

function nextStep(stage) {
    return [
        {
            content: `Move the review on to ${stage}`,
            trigger: ".o_form_view button[name='action_next_stage']",
            run: "click",
        },
        {
            content: `The review is at ${stage}`,
            trigger: `.o_statusbar_status button.o_arrow_button_current[data-value='${stage}']`,
        },
    ];
}

registry.category("web_tour.tours").add("qsr_review_cycle_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Key Accounts app",
            trigger: ".o_app[data-menu-xmlid='qsr_review.menu_qsr_root']",
            run: "click",
        },
        {
            content: "Open the Reviews menu",
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
            content: "The participants are listed with their titles",
            trigger:
                ".o_field_widget[name='participant_ids'] .o_data_row:contains('CEO')",
        },
        ...nextStep("collect"),
        ...nextStep("compile"),
        ...nextStep("engage"),
        ...nextStep("prepare"),
        {
            content: "Open the preparation tab",
            trigger: ".o_notebook_headers a:contains('Preparation')",
            run: "click",
        },
        {
            content: "Add a discussion point",
            trigger:
                ".o_field_widget[name='discussion_point_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name the discussion point",
            trigger:
                ".o_field_widget[name='discussion_point_ids'] .o_data_row .o_field_widget[name='name'] input",
            run: "edit Delivery in full",
        },
        {
            content: "Save the review",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        ...nextStep("meet"),
        ...nextStep("educate"),
        ...nextStep("continue"),
        ...nextStep("done"),
        {
            content: "The next review is planned",
            trigger:
                ".o_field_widget[name='next_review_id'] a, .o_field_widget[name='next_review_id']:contains('QSR/')",
        },
    ],
});
