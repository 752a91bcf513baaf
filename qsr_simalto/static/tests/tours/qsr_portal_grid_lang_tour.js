/** @odoo-module **/

import {registry} from "@web/core/registry";

// A whole grid answered in the respondent's language. The test that starts the
// tour stores what each step must say, read from the addon's translations, in
// sessionStorage (it stays there across the page loads of the steps):
// {rows, steps: [{key, label, help}], saved, next, pointsLeft, commentSaved,
//  submit, thanks}.
const WORDING = "qsr_portal_grid_wording";

function wording() {
    return JSON.parse(sessionStorage.getItem(WORDING));
}

function plain(text) {
    return text.replace(/\s+/g, " ").trim();
}

/** A step that checks that ``selector`` shows the text ``pick(wording())``. */
function says(content, selector, pick) {
    return {
        content,
        trigger: selector,
        run() {
            const expected = plain(pick(wording()));
            const shown = plain(document.querySelector(selector).textContent);
            if (!expected || !shown.includes(expected)) {
                throw new Error(`${content}: "${expected}" is not in "${shown}"`);
            }
        },
    };
}

function mark(index, position) {
    const row = `tr.o_qsr_row[data-row-index='${index}']`;
    return [
        {
            content: `Row ${index + 1}: mark level ${position}`,
            trigger: `.o_qsr_grid:not(.o_qsr_busy) ${row} input.o_qsr_radio[data-position='${position}']:enabled`,
            run: "click",
        },
        {
            content: `Row ${index + 1} is saved at level ${position}`,
            trigger: `.o_qsr_grid:not(.o_qsr_busy):not(:has(.o_qsr_message_shown)) ${row} input[data-position='${position}']:checked`,
        },
    ];
}

// The level each marking step puts on every row
const POSITIONS = {current: 2, acceptable: 1, ideal: 4, competitor: 3};

function stepSteps(step, number, {rows, steps}) {
    const result = [
        says(
            `Step ${number}: its title`,
            ".o_qsr_step_title",
            (w) => w.steps[number].label
        ),
        says(
            `Step ${number}: its help`,
            ".o_qsr_step_help",
            (w) => w.steps[number].help
        ),
    ];
    if (step.key in POSITIONS) {
        result.push(
            says(
                `Step ${number}: answers are saved`,
                ".o_qsr_step_help + p",
                (w) => w.saved
            )
        );
        for (let index = 0; index < rows; index++) {
            result.push(...mark(index, POSITIONS[step.key]));
        }
    } else if (step.key.startsWith("round_")) {
        result.push(
            says(
                `Step ${number}: the points left`,
                ".o_qsr_budget",
                (w) => w.pointsLeft
            )
        );
    }
    if (number + 1 < steps.length) {
        result.push(
            says(`Step ${number}: the next button`, "button.o_qsr_next", (w) => w.next),
            {
                content: `Step ${number}: on to the next step`,
                trigger: ".o_qsr_grid:not(.o_qsr_busy) button.o_qsr_next",
                run: "click",
            },
            {
                content: `Step ${number + 1} is current`,
                trigger: `.o_qsr_steps .o_qsr_step_current[data-step='${steps[number + 1].key}']`,
            }
        );
    }
    return result;
}

registry.category("web_tour.tours").add("qsr_portal_grid_lang_tour", {
    steps: () => {
        const w = wording();
        if (!w) {
            return [
                {
                    content: "The test stored the wording of the steps",
                    trigger: "body",
                    run() {
                        throw new Error(`Nothing in sessionStorage.${WORDING}`);
                    },
                },
            ];
        }
        return [
            {
                content: "The grid opens at its first step",
                trigger: `.o_qsr_steps .o_qsr_step_current[data-step='${w.steps[0].key}']`,
            },
            ...w.steps.flatMap((step, number) => stepSteps(step, number, w)),
            {
                content: "Add an overall comment",
                trigger: "textarea#o_qsr_overall_comment",
                run: "edit Schnellere Antworten auf Reklamationen, bitte.",
            },
            {
                content: "Leave the comment",
                trigger: ".o_qsr_step_title",
                run: "click",
            },
            says(
                "The comment is saved",
                ".o_qsr_overall .o_qsr_comment_status:not(:empty)",
                (wd) => wd.commentSaved
            ),
            says("The submit button", "button.o_qsr_submit", (wd) => wd.submit),
            {
                content: "Submit",
                trigger: ".o_qsr_grid:not(.o_qsr_busy) button.o_qsr_submit",
                run: "click",
            },
            says("Thank you", ".o_qsr_thanks", (wd) => wd.thanks),
        ];
    },
});
