from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    qsr_gap_ids = fields.One2many("qsr.gap", "opportunity_id", string="QSR Gaps")

    # CRUD

    def write(self, vals):
        if self.env.context.get("qsr_gap_sync_deferred") or not (
            {"active", "stage_id", "probability"} & set(vals)
        ):
            return super().write(vals)
        outcomes = self._qsr_gap_outcomes()
        result = super().write(vals)
        # restoring a lost opportunity (crm's Restore) reopens the deal, it
        # wins nothing: even in a won stage, its gaps stay as they are
        self._qsr_sync_gaps(outcomes, restoring=bool(vals.get("active")))
        return result

    # actions

    def action_set_lost(self, **additional_values):
        """crm archives the opportunity, then writes the lost reason: the gaps
        follow once, when the reason is known."""
        outcomes = self._qsr_gap_outcomes()
        result = super(
            CrmLead, self.with_context(qsr_gap_sync_deferred=True)
        ).action_set_lost(**additional_values)
        self._qsr_sync_gaps(outcomes)
        return result

    def action_set_won(self):
        """crm restores a lost opportunity, then moves it to a won stage: the
        gaps follow once, as for a win."""
        outcomes = self._qsr_gap_outcomes()
        result = super(
            CrmLead, self.with_context(qsr_gap_sync_deferred=True)
        ).action_set_won()
        self._qsr_sync_gaps(outcomes)
        return result

    def _get_qsr_action(self):
        action = {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "name": self.env._("Opportunities"),
        }
        if len(self) == 1:
            return {**action, "res_id": self.id, "view_mode": "form"}
        return {
            **action,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self.ids)],
        }

    # business

    def _merge_dependences(self, opportunities):
        """Merging opportunities deletes all but the first: the gaps of the
        others follow it, when it is an opportunity of their account."""
        result = super()._merge_dependences(opportunities)
        account = self.partner_id.commercial_partner_id
        gaps = opportunities.sudo().qsr_gap_ids.filtered(
            lambda gap: account and gap.partner_id == account
        )
        for gap in gaps:
            previous = gap.opportunity_id
            gap.opportunity_id = self
            gap.message_post(
                body=self.env._(
                    "Opportunity %(previous)s was merged into %(lead)s.",
                    previous=previous.name,
                    lead=self.name,
                )
            )
        return result

    def _qsr_outcome(self):
        """'won' for an active opportunity in a won stage, 'lost' for an
        archived one with a probability of 0 (crm's semantics), else False."""
        self.ensure_one()
        if self.active and self.stage_id.is_won:
            return "won"
        if not self.active and not self.probability:
            return "lost"
        return False

    def _qsr_gap_outcomes(self):
        """{lead id: outcome} of the opportunities of ``self`` linked to gaps."""
        return {
            lead.id: lead._qsr_outcome() for lead in self.sudo().filtered("qsr_gap_ids")
        }

    def _qsr_sync_gaps(self, outcomes, restoring=False):
        """Close the gaps of the opportunities won since ``outcomes`` was
        taken, reopen those of the opportunities lost; an opportunity restored
        (``restoring``) or reopened leaves its gaps as they are. The
        salesperson need not be a QSR user: the gaps follow a change they were
        allowed to make."""
        for lead in self.sudo().browse(list(outcomes)):
            outcome = lead._qsr_outcome()
            if outcome == outcomes[lead.id]:
                continue
            if restoring and outcomes[lead.id] == "lost":
                continue
            if outcome == "won":
                lead.qsr_gap_ids._qsr_opportunity_won(lead)
            elif outcome == "lost":
                lead.qsr_gap_ids._qsr_opportunity_lost(lead)
