from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The portal grid's script words its messages in the page's language."""
        return [*super()._get_translation_frontend_modules_name(), "qsr_simalto"]
