import json

from odoo.tests import tagged

from odoo.addons.qsr_review.tests.common import load_languages, po_translations

from .portal_common import QsrPortalCommon

# the help of each kind of step, as the grid's template words it in English
HELP = {
    "current": "On every row, mark the level of service you receive from us today.",
    "acceptable": "On every row, mark the lowest level you would accept.",
    "ideal": "On every row, mark the level you would like if cost were no object.",
    "competitor": "On every row, mark the level your best alternative supplier",
    "round": "Spend your points on the improvements that matter most to you.",
    "review": "Check your answers below, add any comments, then submit them.",
}


@tagged("post_install", "-at_install")
class TestPortalGridLanguageTour(QsrPortalCommon):
    """Alice speaks German: from her invitation link, with a browser that asks
    for English, she answers a whole grid (the default grid cut to three
    rows) in German, every step saying what qsr_simalto's de.po says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["de_DE"], ["qsr_review", "qsr_simalto"])
        cls.user_alice.partner_id.lang = "de_DE"
        cls.response = cls._alice_response_on_cut_grid(3, "Three Rows")
        cls.response._portal_ensure_token()

    def _wording(self):
        """What each step must say: the German of the English wording the page
        shows, from the addon's de.po."""
        german = po_translations("qsr_simalto", "de")

        def de(english):
            """The German of the one term that starts with ``english``."""
            (msgstr,) = (
                msgstr for msgid, msgstr in german.items() if msgid.startswith(english)
            )
            return " ".join(msgstr.split())

        steps = [
            {
                "key": key,
                "label": german[label],
                "help": de(HELP["round" if key.startswith("round_") else key]),
            }
            for key, label in self.response.with_context(lang="en_US")._steps()
        ]
        return {
            "rows": len(self.response.line_ids),
            "steps": steps,
            "saved": german["Every answer is saved as soon as you mark it."],
            "next": german["Next"],
            "pointsLeft": german["points left"],
            "commentSaved": german["Comment saved."],
            "submit": german["Submit my answers"],
            "thanks": german["Thank you!"],
        }

    def test_grid_answered_in_german(self):
        url = self._url(self.response)
        options = {"stepDelay": 0, "startUrl": url}
        self.start_tour(
            url,
            "qsr_portal_grid_lang_tour",
            code=(
                f"sessionStorage.setItem('qsr_portal_grid_wording', "
                f"{json.dumps(json.dumps(self._wording()))}); "
                f"odoo.startTour('qsr_portal_grid_lang_tour', {json.dumps(options)})"
            ),
            cookies={"frontend_lang": "en_US"},
            timeout=180,
        )
        self.env.invalidate_all()
        self.assertEqual(self.response.state, "submitted")
        self.assertEqual(
            self.response.comment, "Schnellere Antworten auf Reklamationen, bitte."
        )
