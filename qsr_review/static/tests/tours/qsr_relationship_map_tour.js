/** @odoo-module **/

import {registry} from "@web/core/registry";

// The account manager opens an account's relationship map from its form: the
// hierarchy of its contacts, then the kanban by level.
registry.category("web_tour.tours").add("qsr_relationship_map_tour", {
    steps: () => [
        {
            content: "The account shows its coverage warning",
            trigger:
                ".o_form_view .alert-warning:contains('Critic at executive level')",
        },
        {
            content: "Open the relationship map",
            trigger: ".o_form_view button[name='action_qsr_relationship_map']",
            run: "click",
        },
        {
            content: "The executive heads the hierarchy",
            trigger: ".o_hierarchy_view .o_hierarchy_node:contains('Alice Exec')",
        },
        {
            content: "Her direct report is shown under her",
            trigger: ".o_hierarchy_view .o_hierarchy_node:contains('Oscar Operator')",
        },
        {
            content: "Switch to the kanban by level",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "The executive's card is in the Executive column, a critic",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('Executive')) .o_kanban_record:contains('Alice Exec'):contains('Critic')",
        },
        {
            content: "The operational user's card is in its column",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('Operational')) .o_kanban_record:contains('Oscar Operator')",
        },
    ],
});
