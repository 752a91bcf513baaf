from odoo import api, fields, models
from odoo.exceptions import UserError


class QsrDeadlineMixin(models.AbstractModel):
    """A record with a ``date_deadline`` that binds while its ``state`` is one
    of ``_deadline_states``: overdue once that day is past, and searchable by
    it."""

    _name = "qsr.deadline.mixin"
    _description = "QSR Record With a Due Date"

    # the states in which the record is still to be done
    _deadline_states = ()

    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.is_overdue = bool(
                record.state in self._deadline_states
                and record.date_deadline
                and record.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the overdue flag."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [
                ("state", "in", self._deadline_states),
                ("date_deadline", "<", today),
            ]
        # the complement, spelled out: a negated comparison leaves out the
        # records without a due date
        return [
            "|",
            "|",
            ("state", "not in", self._deadline_states),
            ("date_deadline", "=", False),
            ("date_deadline", ">=", today),
        ]
