"""Accessibility checks of the portal pages: axe-core's WCAG 2.1 A and AA rules
run in Chromium on a page, in English and German, on a wide screen and a phone.

axe-core is a test dependency taken from the npm registry (package.json at the
root of the repository, installed by ``make test-deps``); without it the checks
fail, they are never skipped."""

import json
from pathlib import Path

AXE_PATH = (
    Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# (name, browser size): a laptop and a phone
AXE_SIZES = [("1280 px", "1280x800"), ("390 px", "390x844")]
AXE_LANGS = ["en_US", "de_DE"]
# the addons whose terms a German page shows
AXE_ADDONS = [
    "web",
    "portal",
    "qsr_review",
    "qsr_simalto",
    "qsr_reporting",
    "qsr_interview",
    "qsr_workshop",
]

# The page is loaded with its lazy assets, which start the public widgets (the
# public root sets odoo.__WOWL_DEBUG__ once its services and widgets started)
READY = (
    "document.readyState === 'complete' && "
    "odoo.loader.modules.has('@web/legacy/js/public/public_root_instance') && "
    "!!odoo.__WOWL_DEBUG__"
)

# Runs axe on the page once the public widgets and the chatter (if any) have
# started; logs the success signal of browser_js when no rule is violated and
# the page is in the expected language, an error listing every violation
# otherwise.
AXE_RUN = """
(async () => {
    const options = %(options)s;
    const publicRoot = "@web/legacy/js/public/public_root_instance";
    await odoo.loader.modules.get(publicRoot).default;
    if (document.querySelector(".o_portal_chatter")) {
        await odoo.portalChatterReady;
    }
    await new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = options.src;
        script.onload = resolve;
        script.onerror = () => reject(new Error(`axe-core not at ${options.src}`));
        document.head.appendChild(script);
    });
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: options.tags},
        resultTypes: ["violations"],
    });
    const problems = results.violations.map(
        (violation) =>
            `${violation.id} (${violation.impact}, ` +
            `${violation.nodes.length} element(s)): ` +
            `${violation.help} ${violation.helpUrl}\\n` +
            violation.nodes.map((node) => `    ${node.target.join(" ")}`).join("\\n")
    );
    const lang = document.documentElement.lang;
    if (!lang.startsWith(options.lang)) {
        problems.push(`the page's lang attribute is "${lang}", not ${options.lang}`);
    }
    if (problems.length) {
        console.error(
            `axe-core: ${problems.length} problem(s) on ${options.page}:\\n` +
                problems.join("\\n")
        );
    } else {
        console.log("test successful");
    }
})();
"""


class AxeMixin:
    """For an HttpCase, before it in the bases: ``_axe_check`` fails on any
    WCAG 2.1 A or AA violation of a page."""

    @classmethod
    def setUpClass(cls):
        """Load axe-core as a public attachment the pages fetch, and German."""
        super().setUpClass()
        if not AXE_PATH.is_file():
            raise AssertionError(
                f"axe-core is missing ({AXE_PATH}): run `make test-deps` (npm ci) "
                "at the root of the repository"
            )
        cls.axe_attachment = cls.env["ir.attachment"].create(
            {
                "name": "axe.min.js",
                "raw": AXE_PATH.read_bytes(),
                "mimetype": "text/javascript",
                "public": True,
            }
        )
        cls.env["res.lang"]._activate_lang("de_DE")
        modules = cls.env["ir.module.module"].search([("name", "in", AXE_ADDONS)])
        modules._update_translations(filter_lang=["de_DE"])

    def _axe_check(self, url, login=None, partners=None, page=None, ready=None):
        """Check the page at ``url`` opened by ``login`` in each language and
        size, once its widgets have started and ``ready`` (a JavaScript
        expression, optional) is true; ``partners`` (the contacts the page is
        shown in the language of) speak the language checked."""
        page = page or url
        for lang in AXE_LANGS:
            # the cookie picks the language of the request, the contact's own
            # language that of the pages that follow it
            if partners:
                partners.lang = lang
            for size_name, size in AXE_SIZES:
                with self.subTest(page=page, lang=lang, size=size_name):
                    self.browser_size = size
                    options = {
                        "src": f"/web/content/{self.axe_attachment.id}",
                        "tags": AXE_TAGS,
                        "lang": lang.split("_")[0],
                        "page": f"{page} ({lang}, {size_name})",
                    }
                    self.browser_js(
                        url,
                        AXE_RUN % {"options": json.dumps(options)},
                        ready=f"{READY} && ({ready})" if ready else READY,
                        login=login,
                        cookies={"frontend_lang": lang},
                        timeout=120,
                    )
