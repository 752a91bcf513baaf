from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    qsr_gap_ids = fields.One2many("qsr.gap", "opportunity_id", string="QSR Gaps")

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
