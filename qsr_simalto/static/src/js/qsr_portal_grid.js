/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import publicWidget from "@web/legacy/js/public/public_widget";
import {rpc} from "@web/core/network/rpc";

/**
 * The Simalto grid on the portal: every click on a level saves a draft at once;
 * in a budget round, a counter shows the points left (computed here from the
 * data attributes of the cells, then confirmed by the server's answer). When the
 * server refuses a click, the previously saved level is checked again and the
 * reason is shown in the alert region.
 *
 * With the keyboard, each row is one stop of the Tab key (its marked level, or
 * its first level that can be marked); the arrow keys move the mark to the next
 * or previous level that can be marked, and Space marks the focused level. The
 * grid does it itself rather than leave it to the browser, so that every browser
 * behaves alike and disabled levels are skipped.
 */
publicWidget.registry.QsrPortalGrid = publicWidget.Widget.extend({
    selector: ".o_qsr_grid",
    events: {
        "change input.o_qsr_radio": "_onChangeLevel",
        "keydown input.o_qsr_radio": "_onKeydownLevel",
        "change textarea.o_qsr_comment": "_onChangeComment",
        "submit form": "_onSubmitForm",
    },

    /**
     * @override
     */
    start() {
        this.responseId = parseInt(this.el.dataset.responseId, 10);
        this.accessToken = this.el.dataset.accessToken || undefined;
        this.step = this.el.dataset.step;
        this.queue = Promise.resolve();
        this.pending = 0;
        this.messageEl = this.el.querySelector(".o_qsr_message");
        this.budgetEl = this.el.querySelector(".o_qsr_budget");
        this._updateCounter();
        for (const row of this.el.querySelectorAll(".o_qsr_row")) {
            this._updateTabStop(row);
        }
        return this._super(...arguments);
    },

    // --------------------------------------------------------------------------
    // Private
    // --------------------------------------------------------------------------

    /**
     * Run the saves one after the other, in the order of the clicks.
     *
     * @param {Function} job async function
     */
    _enqueue(job) {
        this.pending++;
        this.el.classList.add("o_qsr_busy");
        this.el.setAttribute("aria-busy", "true");
        this.queue = this.queue
            .then(job)
            .catch((error) => {
                this._showMessage(
                    _t("Something went wrong; reload the page and try again.")
                );
                console.error(error);
            })
            .finally(() => {
                this.pending--;
                if (!this.pending) {
                    this.el.classList.remove("o_qsr_busy");
                    this.el.removeAttribute("aria-busy");
                }
            });
        return this.queue;
    },
    _url(action) {
        return `/my/qsr/grids/${this.responseId}/${action}`;
    },
    async _call(action, params) {
        try {
            return await rpc(this._url(action), {
                access_token: this.accessToken,
                ...params,
            });
        } catch {
            return {
                error: _t(
                    "Your answer could not be saved. Check your connection and try again."
                ),
            };
        }
    },
    _showMessage(message) {
        this.messageEl.textContent = message;
        this.messageEl.classList.add("o_qsr_message_shown");
    },
    _clearMessage() {
        this.messageEl.textContent = "";
        this.messageEl.classList.remove("o_qsr_message_shown");
    },
    /**
     * Check the radio of ``levelId`` in ``row`` (none when empty).
     */
    _checkLevel(row, levelId) {
        for (const radio of row.querySelectorAll("input.o_qsr_radio")) {
            radio.checked = String(levelId || "") === radio.value;
        }
        this._updateTabStop(row);
    },
    /**
     * Let the Tab key stop once in ``row``: on its marked level when it can
     * change, else on its first level that can be marked.
     */
    _updateTabStop(row) {
        const radios = [...row.querySelectorAll("input.o_qsr_radio")];
        const stop =
            radios.find((radio) => radio.checked && !radio.disabled) ||
            radios.find((radio) => !radio.disabled);
        for (const radio of radios) {
            radio.tabIndex = radio === stop ? 0 : -1;
        }
    },
    /**
     * Mark ``radio`` as a click would, and keep the focus on it.
     */
    _markLevel(radio) {
        radio.checked = true;
        radio.focus();
        radio.dispatchEvent(new Event("change", {bubbles: true}));
    },
    /**
     * Show the marks the server answered for a row, as badges in its cells.
     */
    _renderMarks(row, marks) {
        for (const cell of row.querySelectorAll(".o_qsr_cell")) {
            const badges = cell.querySelector(".o_qsr_badges");
            if (!badges) {
                continue;
            }
            badges.replaceChildren(
                ...(marks[cell.dataset.levelId] || []).map((mark) => {
                    const badge = document.createElement("span");
                    badge.className = `badge ${mark.css}`;
                    badge.dataset.mark = mark.key;
                    badge.textContent = mark.label;
                    return badge;
                })
            );
        }
    },
    _format(points) {
        return String(Math.round(points * 100) / 100);
    },
    /**
     * Points left of the budget available so far: from the server when it has
     * answered every click, otherwise from the checked cells.
     */
    _updateCounter(budget) {
        if (!this.budgetEl) {
            return;
        }
        let available = parseFloat(this.budgetEl.dataset.available);
        let spent = 0;
        if (budget) {
            available = budget.available;
            spent = budget.spent;
        } else {
            for (const row of this.el.querySelectorAll(".o_qsr_row")) {
                const checked = row.querySelector("input.o_qsr_radio:checked");
                if (checked) {
                    spent +=
                        parseFloat(checked.dataset.cost) -
                        parseFloat(row.dataset.currentCost);
                }
            }
        }
        const left = available - spent;
        this.budgetEl.dataset.left = this._format(left);
        this.budgetEl.querySelector(".o_qsr_points_left").textContent =
            this._format(left);
        this.budgetEl.querySelector(".o_qsr_points_available").textContent =
            this._format(available);
        this.budgetEl.querySelector(".o_qsr_points_spent").textContent =
            this._format(spent);
        this.budgetEl.classList.toggle("alert-primary", left >= 0);
        this.budgetEl.classList.toggle("alert-danger", left < 0);
    },

    // --------------------------------------------------------------------------
    // Handlers
    // --------------------------------------------------------------------------

    _onChangeLevel(ev) {
        const radio = ev.currentTarget;
        const row = radio.closest(".o_qsr_row");
        const levelId = parseInt(radio.value, 10);
        this._updateTabStop(row);
        row.dataset.pending = String(parseInt(row.dataset.pending || "0", 10) + 1);
        this._clearMessage();
        this._updateCounter();
        this._enqueue(async () => {
            const result = await this._call("save", {
                step: this.step,
                attribute_id: parseInt(row.dataset.attributeId, 10),
                level_id: levelId,
            });
            const rowPending = parseInt(row.dataset.pending, 10) - 1;
            row.dataset.pending = String(rowPending);
            if (result.error) {
                this._showMessage(result.error);
            } else {
                row.dataset.savedLevelId = result.level_id || "";
                this._renderMarks(row, result.marks || {});
            }
            if (!rowPending) {
                // No later click on this row waits: show what the server holds
                this._checkLevel(row, row.dataset.savedLevelId);
            }
            // This job still counts as pending: the last one confirms the counter
            this._updateCounter(this.pending === 1 ? result.budget : undefined);
        });
    },

    _onKeydownLevel(ev) {
        const radio = ev.currentTarget;
        if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) {
            return;
        }
        if (ev.key === " ") {
            ev.preventDefault();
            if (!radio.checked) {
                this._markLevel(radio);
            }
            return;
        }
        const move = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[ev.key];
        if (!move) {
            return;
        }
        ev.preventDefault();
        const radios = [
            ...radio.closest(".o_qsr_row").querySelectorAll("input.o_qsr_radio"),
        ];
        let index = radios.indexOf(radio) + move;
        while (radios[index] && radios[index].disabled) {
            index += move;
        }
        if (radios[index]) {
            this._markLevel(radios[index]);
        }
    },

    _onChangeComment(ev) {
        const textarea = ev.currentTarget;
        const status = textarea.parentElement.querySelector(".o_qsr_comment_status");
        const attributeId = textarea.dataset.attributeId;
        this._enqueue(async () => {
            const result = await this._call("comment", {
                attribute_id: attributeId ? parseInt(attributeId, 10) : false,
                comment: textarea.value,
            });
            if (result.error) {
                this._showMessage(result.error);
                if (status) {
                    status.textContent = "";
                }
            } else if (status) {
                textarea.value = result.comment;
                status.textContent = result.truncated
                    ? _t("Comment saved, shortened to 2000 characters.")
                    : _t("Comment saved.");
            }
        });
    },

    /**
     * Moving to another step or submitting waits for the saves under way.
     */
    _onSubmitForm(ev) {
        if (!this.pending) {
            return;
        }
        ev.preventDefault();
        const form = ev.target;
        const submitter = ev.submitter;
        this.queue.then(() => {
            if (submitter && submitter.name) {
                const input = document.createElement("input");
                input.type = "hidden";
                input.name = submitter.name;
                input.value = submitter.value;
                form.appendChild(input);
            }
            form.submit();
        });
    },
});

export default publicWidget.registry.QsrPortalGrid;
