/** @odoo-module **/

import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * The interview report on the portal: the customer edits the text in place;
 * on submit, the edited text goes to the server in the hidden "body" input.
 */
publicWidget.registry.QsrPortalInterviewEdit = publicWidget.Widget.extend({
    selector: ".o_qsr_interview_edit_form",
    events: {
        submit: "_onSubmit",
    },

    _onSubmit() {
        const editor = this.el.querySelector(".o_qsr_interview_editor");
        this.el.querySelector("input[name='body']").value = editor.innerHTML;
    },
});
