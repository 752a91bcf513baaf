/** @odoo-module **/

import {registry} from "@web/core/registry";

// On a phone (390 px wide), the contact updates the action she owns in place
// on her account plan's page.
const NOTE = "Forecast frozen until the end of May";

registry.category("web_tour.tours").add("qsr_plan_action_tour", {
    steps: () => [
        {
            content: "The plan fits a phone's width",
            trigger: ".o_qsr_plan .o_qsr_plan_action form.o_qsr_action_form",
            run() {
                const width = window.innerWidth;
                const scroll = document.documentElement.scrollWidth;
                if (width > 400) {
                    throw new Error(`Not a phone: the window is ${width} px wide`);
                }
                if (scroll > width) {
                    throw new Error(
                        `The page scrolls sideways: ${scroll} px in ${width} px`
                    );
                }
            },
        },
        {
            content: "Set her action in progress",
            trigger: "form.o_qsr_action_form select[name='state']",
            run: "select in_progress",
        },
        {
            content: "Say how far it is",
            trigger: "form.o_qsr_action_form textarea[name='progress_note']",
            run: `edit ${NOTE}`,
        },
        {
            content: "Update",
            trigger: "form.o_qsr_action_form button[type='submit']",
            run: "click",
        },
        {
            content: "Back on the plan, the update is confirmed",
            trigger: ".o_qsr_plan_actions .o_qsr_action_updated",
        },
        {
            content: "and the form shows what is saved",
            trigger: "form.o_qsr_action_form select[name='state']",
            run() {
                const note = document.querySelector(
                    "form.o_qsr_action_form textarea[name='progress_note']"
                ).value;
                if (this.anchor.value !== "in_progress" || note !== NOTE) {
                    throw new Error(`Not saved: ${this.anchor.value}, ${note}`);
                }
                if (!window.location.pathname.startsWith("/my/qsr/plans/")) {
                    throw new Error(`Not the plan page: ${window.location.pathname}`);
                }
            },
        },
    ],
});
