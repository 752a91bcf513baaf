import zlib

import numpy as np

from odoo import api, models

DEMO_ACCOUNTS = (
    "qsr_review.res_partner_kestrel",
    "qsr_review.res_partner_harbor",
    "qsr_review.res_partner_quantis",
    "qsr_review.res_partner_iberia",
    "qsr_review.res_partner_fjordline",
)


class QsrReview(models.Model):
    _inherit = "qsr.review"

    # demo

    @api.model
    def _demo_send_value_survey(self):
        """Send the value survey to the demo Maintain and Development accounts
        in the current wave, and answer it: two contacts in three submit."""
        wizard = self.env["qsr.value.survey.wizard"].create(
            {
                "partner_ids": [self.env.ref(xmlid).id for xmlid in DEMO_ACCOUNTS],
                "wave_id": self.env.ref("qsr_review.qsr_wave_demo_4").id,
                "invite": "all",
            }
        )
        wizard.action_send()
        for review in wizard.review_ids:
            rng = np.random.default_rng(zlib.crc32(review.partner_id.name.encode()))
            for index, response in enumerate(review.response_ids):
                review._demo_fill(response, rng, submit=index % 3 != 2)
            if not review.grid_id.ask_ideal:
                review.response_ids.line_ids.ideal_level_id = False
        return wizard
