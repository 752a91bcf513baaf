/** @odoo-module **/

import {registry} from "@web/core/registry";

// The default grid has 30 rows, of 4 or 5 levels each; the last is the price
// row, whose level today is "as now" (position 3) for everyone, not a choice.
const ROWS = 30;
const PRICE_ROW = 29;
const AS_NOW = 3;

function row(index) {
    return `tr.o_qsr_row[data-row-index='${index}']`;
}

function radio(index, position) {
    return `${row(index)} input.o_qsr_radio[data-position='${position}']`;
}

function mark(index, position) {
    return {
        content: `Row ${index + 1}: mark level ${position}`,
        trigger: `${radio(index, position)}:enabled`,
        run: "click",
    };
}

/** Every click is saved: wait until the server answered them all, without error. */
function allSaved() {
    return [
        {
            content: "Every click is saved",
            trigger:
                ".o_qsr_grid:not(.o_qsr_busy):not(:has(.o_qsr_message_shown)) .o_qsr_table",
        },
        {
            content: "Every row has a level marked",
            trigger: ".o_qsr_grid:not(.o_qsr_busy) .o_qsr_table",
            run() {
                const rows = [...document.querySelectorAll("tr.o_qsr_row")];
                const missing = rows.filter((tr) => !tr.querySelector("input:checked"));
                if (rows.length !== ROWS || missing.length) {
                    throw new Error(
                        `${missing.length} of ${rows.length} rows have no mark`
                    );
                }
            },
        },
    ];
}

function goTo(stepSelector, content) {
    return [
        {
            content: "Next step",
            trigger: ".o_qsr_grid:not(.o_qsr_busy) button.o_qsr_next",
            run: "click",
        },
        {content, trigger: `.o_qsr_steps .o_qsr_step_current${stepSelector}`},
    ];
}

function pointsLeft(points) {
    return {
        content: `${points} points left`,
        trigger: `.o_qsr_grid:not(.o_qsr_busy) .o_qsr_budget[data-left='${points}']`,
    };
}

function acceptablePosition(index) {
    if (index === 0) {
        // Below today's level: in distress
        return 3;
    }
    return index % 2 ? 2 : 1;
}

registry.category("web_tour.tours").add("qsr_portal_grid_tour", {
    steps: () => [
        {
            content: "The grid opens at its first step, Today",
            trigger: ".o_qsr_steps .o_qsr_step_current[data-step='current']",
        },
        {
            content: "The instructions of the grid are shown",
            trigger: "details.o_qsr_instructions[open]",
        },
        // Today: level 2 on every row but the price row
        {
            content: "Today on the price row is already 'as now'",
            trigger: `${radio(PRICE_ROW, AS_NOW)}:checked:enabled`,
        },
        {
            content: "and no other price can be marked",
            trigger: `${radio(PRICE_ROW, 1)}:disabled`,
        },
        ...[...Array(ROWS).keys()]
            .filter((index) => index !== PRICE_ROW)
            .map((index) => mark(index, 2)),
        ...allSaved(),
        ...goTo("[data-step='acceptable']", "On to the acceptable levels"),
        {
            content: "Today's marks show as badges",
            trigger: `${row(0)} .o_qsr_cell:has(input[data-position='2']) .badge[data-mark='current']`,
        },
        // Acceptable, with a reload of the page halfway
        ...[...Array(15).keys()].map((index) => mark(index, acceptablePosition(index))),
        ...allSaved().slice(0, 1),
        {
            content: "Reload the page",
            trigger: ".o_qsr_grid:not(.o_qsr_busy)",
            run() {
                document.body.classList.add("o_qsr_before_reload");
                window.location.reload();
            },
        },
        {
            content: "After the reload, the saved acceptable mark is still checked",
            trigger: `body:not(.o_qsr_before_reload) ${radio(3, 2)}:checked`,
        },
        {
            content: "and so is the distress row's",
            trigger: `${radio(0, 3)}:checked`,
        },
        {
            content: "and today's mark still shows",
            trigger: `${row(14)} .o_qsr_cell:has(input[data-position='2']) .badge[data-mark='current']`,
        },
        ...[...Array(ROWS - 15).keys()].map((i) =>
            mark(i + 15, acceptablePosition(i + 15))
        ),
        ...allSaved(),
        ...goTo("[data-step='ideal']", "On to the ideal levels"),
        // Ideal: level 4 everywhere
        ...[...Array(ROWS).keys()].map((index) => mark(index, 4)),
        ...allSaved(),
        // Round 1: 20 points
        ...goTo(":contains('Round 1')", "On to round 1"),
        pointsLeft(20),
        {
            content: "Each level shows its cost from today's level",
            trigger: `${row(0)} .o_qsr_cell:has(input[data-position='3']) .o_qsr_delta:contains('+8')`,
        },
        mark(0, 3),
        pointsLeft(12),
        {
            content: "Too dear: 17 more points",
            trigger: `${radio(1, 4)}:enabled`,
            run: "click",
        },
        {
            content: "The server refuses it and says why",
            trigger:
                ".o_qsr_message.o_qsr_message_shown:contains('more than the 20 points available')",
        },
        {
            content: "The row is back at its saved level",
            trigger: `.o_qsr_grid:not(.o_qsr_busy) ${radio(1, 2)}:checked`,
        },
        pointsLeft(12),
        mark(2, 4),
        pointsLeft(5),
        {
            content:
                "Urgent orders may be reduced to the acceptable level, releasing 3 points",
            trigger: `${row(8)} .o_qsr_cell:has(input[data-position='1']) .o_qsr_delta:contains('-3')`,
        },
        mark(8, 1),
        pointsLeft(8),
        // Round 2: 20 more points
        ...goTo(":contains('Round 2')", "On to round 2"),
        pointsLeft(28),
        {
            content: "A row cannot go back below round 1",
            trigger: `${radio(0, 2)}:disabled`,
        },
        {
            content: "The round 1 purchase shows as a badge",
            trigger: `${row(0)} .o_qsr_cell:has(input[data-position='3']) .badge:contains('After Round 1')`,
        },
        mark(0, 4),
        pointsLeft(16),
        mark(3, 3),
        pointsLeft(11),
        // Round 3: 30 more points
        ...goTo(":contains('Round 3')", "On to round 3"),
        pointsLeft(41),
        mark(1, 4),
        pointsLeft(24),
        mark(4, 4),
        pointsLeft(10),
        // Review and submit
        ...goTo("[data-step='review']", "On to the review"),
        {
            content: "The review lists the purchases",
            trigger: `${row(0)} .badge:contains('After Round 2')`,
        },
        {
            content: "Add an overall comment",
            trigger: "textarea#o_qsr_overall_comment",
            run: "edit Faster answers to complaints, please.",
        },
        {
            content: "Leave the comment",
            trigger: ".o_qsr_step_title",
            run: "click",
        },
        {
            content: "The comment is saved",
            trigger: ".o_qsr_overall .o_qsr_comment_status:contains('Comment saved')",
        },
        {
            content: "Submit",
            trigger: ".o_qsr_grid:not(.o_qsr_busy) button.o_qsr_submit",
            run: "click",
        },
        {
            content: "Thank you",
            trigger: ".o_qsr_thanks:contains('Thank you')",
        },
        {
            content: "The submitted grid is read-only",
            trigger:
                ".o_qsr_grid:not(:has(input.o_qsr_radio)) .o_qsr_table.o_qsr_readonly",
        },
    ],
});

// The same grid answered with the keyboard alone: Tab moves from row to row
// (one stop a row, then its comment), the arrow keys and Space mark a level,
// Enter presses the buttons.

/**
 * Press Tab until the focus is on ``selector``, from wherever it is (the top
 * of a page just loaded); the next step checks that it got there.
 */
function tabTo(selector, content) {
    return [
        {
            content,
            trigger: ".o_qsr_grid",
            async run(helpers) {
                for (
                    let i = 0;
                    i < 100 && !document.activeElement.matches(selector);
                    i++
                ) {
                    await helpers.press("Tab");
                }
            },
        },
        {content: `${content}: it has the focus`, trigger: `${selector}:focus`},
    ];
}

/** From one row's level to the next row's: its comment, then its levels. */
function tabToRow(index) {
    if (index === 0) {
        return tabTo(
            `${row(0)} input.o_qsr_radio`,
            "Tab from the top of the page to row 1"
        );
    }
    return [
        {
            content: `Row ${index + 1}: Tab to its comment`,
            trigger: `${row(index - 1)} input.o_qsr_radio:focus`,
            run: "press Tab",
        },
        {
            content: `Row ${index + 1}: Tab to its levels`,
            trigger: `${row(index)} details.o_qsr_comment_box > summary:focus`,
            run: "press Tab",
        },
        {
            content: `Row ${index + 1}: one level of the row has the focus`,
            trigger: `${row(index)} input.o_qsr_radio:focus`,
        },
    ];
}

/** Move the mark of the focused row to ``position`` with the arrow keys. */
function arrowTo(index, position) {
    return [
        {
            content: `Row ${index + 1}: the arrow keys move the mark to level ${position}`,
            trigger: `${row(index)} input.o_qsr_radio:focus`,
            async run(helpers) {
                for (let i = 0; i < 6; i++) {
                    const at = parseInt(document.activeElement.dataset.position, 10);
                    if (at === position) {
                        break;
                    }
                    await helpers.press(at < position ? "ArrowRight" : "ArrowLeft");
                }
            },
        },
        {
            content: `Row ${index + 1}: level ${position} is marked and has the focus`,
            trigger: `${radio(index, position)}:checked:focus`,
        },
    ];
}

/** Tab to Next, press Enter, and land on the step ``stepSelector``. */
function next(stepSelector, content) {
    return [
        ...tabTo(".o_qsr_grid:not(.o_qsr_busy) button.o_qsr_next", "Tab to Next"),
        {
            content: "Press Enter on Next",
            trigger: "button.o_qsr_next:focus",
            run: "press Enter",
        },
        {content, trigger: `.o_qsr_steps .o_qsr_step_current${stepSelector}`},
    ];
}

function eachRow(marking) {
    return [...Array(ROWS).keys()].flatMap((index) => [
        ...tabToRow(index),
        ...marking(index),
    ]);
}

registry.category("web_tour.tours").add("qsr_portal_grid_keyboard_tour", {
    steps: () => [
        {
            content: "The grid opens at its first step, Today",
            trigger: ".o_qsr_steps .o_qsr_step_current[data-step='current']",
        },
        // Today: level 2 on every row, one arrow from the first level
        ...tabToRow(0),
        {
            content: "The focused level is framed",
            trigger: `${row(0)} label.o_qsr_option:focus-within`,
            run() {
                const style = getComputedStyle(this.anchor);
                if (style.outlineStyle === "none" || !parseFloat(style.outlineWidth)) {
                    throw new Error("The focused level has no visible focus");
                }
            },
        },
        ...arrowTo(0, 2),
        ...[...Array(ROWS).keys()].slice(1).flatMap((index) => [
            ...tabToRow(index),
            ...(index === PRICE_ROW
                ? [
                      {
                          content: "The price row stops on its level as now",
                          trigger: `${radio(PRICE_ROW, AS_NOW)}:checked:focus`,
                      },
                  ]
                : arrowTo(index, 2)),
        ]),
        ...allSaved(),
        ...next("[data-step='acceptable']", "On to the acceptable levels"),
        // Acceptable: Space marks the first level of every row
        ...eachRow((index) => [
            {
                content: `Row ${index + 1}: Space marks the focused level`,
                trigger: `${radio(index, 1)}:focus:not(:checked)`,
                run: "press Space",
            },
            {
                content: `Row ${index + 1}: level 1 is marked`,
                trigger: `${radio(index, 1)}:checked:focus`,
            },
        ]),
        ...allSaved(),
        ...next("[data-step='ideal']", "On to the ideal levels"),
        // Ideal: level 4 on every row, three arrows from the first level
        ...eachRow((index) => arrowTo(index, 4)),
        ...allSaved(),
        // Round 1: 20 points; one level up on the first row costs 8
        ...next(":contains('Round 1')", "On to round 1"),
        ...tabToRow(0),
        ...arrowTo(0, 3),
        {
            content: "The points left are announced politely",
            trigger:
                ".o_qsr_grid:not(.o_qsr_busy) .o_qsr_budget[role='status'][aria-live='polite'][data-left='12']",
        },
        // Two levels up on the second row cost more than the 12 points left
        ...tabToRow(1),
        {
            content: "Row 2: two levels up",
            trigger: `${radio(1, 2)}:checked:focus`,
            async run(helpers) {
                await helpers.press("ArrowRight");
                await helpers.press("ArrowRight");
            },
        },
        {
            content: "The refusal is announced as an alert",
            trigger:
                ".o_qsr_grid:not(.o_qsr_busy) .o_qsr_message[role='alert'].o_qsr_message_shown:contains('points available')",
        },
        ...next(":contains('Round 2')", "On to round 2"),
        ...next(":contains('Round 3')", "On to round 3"),
        ...next("[data-step='review']", "On to the review"),
        ...tabTo("button.o_qsr_submit", "Tab to Submit"),
        {
            content: "Press Enter on Submit",
            trigger: "button.o_qsr_submit:focus",
            run: "press Enter",
        },
        {
            content: "Thank you",
            trigger: ".o_qsr_thanks",
        },
    ],
});
