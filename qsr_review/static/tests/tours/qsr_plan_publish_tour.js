/** @odoo-module **/

import {registry} from "@web/core/registry";

// The account manager publishes the account plan to the customer, then reads
// the comment a contact left on it in the chatter.
registry.category("web_tour.tours").add("qsr_plan_publish_tour", {
    steps: () => [
        {
            content: "The plan is not published yet",
            trigger: ".o_form_view:not(:has(.ribbon)) button[name='action_publish']",
            run: "click",
        },
        {
            content: "Confirm: the contacts get an email",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The plan is published",
            trigger: ".o_form_view .ribbon:contains('Published')",
        },
        {
            content: "The publishing is noted in the chatter",
            trigger:
                ".o-mail-Chatter .o-mail-Message:contains('published to the customer')",
        },
        {
            content: "The customer's comment is in the chatter",
            trigger:
                ".o-mail-Chatter .o-mail-Message:has(.o-mail-Message-author:contains('Alice Exec')):contains('add our second warehouse')",
        },
    ],
});
