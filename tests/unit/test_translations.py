"""Every term of every addon's template (``i18n/<addon>.pot``) has a German and a
French translation in its ``i18n/de.po`` and ``i18n/fr.po``: none missing, empty
or fuzzy, with the placeholders of the term (``%s``, ``%(name)s``, ``{{ expr }}``)
and its markup tags, so that no message loses a value or breaks a page."""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_python

REPO = Path(__file__).resolve().parents[2]
LANGS = ("de", "fr")
TEMPLATES = sorted(REPO.glob("qsr_*/i18n/qsr_*.pot"))

# printf-style placeholders of Python and JavaScript terms ("95 %" is none)
PERCENT = re.compile(r"%(?:\([\w.]+\))?[#0+-]?\d*(?:\.\d+)?[sdfir%]")
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z][\w.:-]*)")


def placeholders(text):
    """The placeholders of ``text``, counted, the expressions without spaces."""
    found = PERCENT.findall(text)
    found += [
        "{{" + re.sub(r"\s+", "", expr) + "}}" for expr in EXPRESSION.findall(text)
    ]
    return Counter(found)


def tags(text):
    """The opening and closing markup tags of ``text``, counted."""
    return Counter(f"<{slash}{name}>" for slash, name in TAG.findall(text))


def translations(entry):
    """The translated texts of ``entry``: its plural forms, or its msgstr."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_every_addon_has_a_template():
    addons = sorted(path.parent for path in REPO.glob("qsr_*/__manifest__.py"))
    assert [path.parents[1] for path in TEMPLATES] == addons


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("pot", TEMPLATES, ids=lambda path: path.parents[1].name)
def test_every_term_translated(pot, lang):
    po_path = pot.with_name(f"{lang}.po")
    assert po_path.exists(), f"{po_path.relative_to(REPO)} is missing"
    po = {
        (entry.msgctxt, entry.msgid): entry
        for entry in polib.pofile(str(po_path))
        if not entry.obsolete
    }
    problems = []
    for term in polib.pofile(str(pot)):
        if term.obsolete:
            continue
        entry = po.get((term.msgctxt, term.msgid))
        texts = translations(entry) if entry else []
        if not entry:
            problems.append(f"missing: {term.msgid!r}")
        elif "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {term.msgid!r}")
        elif not all(text.strip() for text in texts):
            problems.append(f"empty: {term.msgid!r}")
        else:
            for text in texts:
                if placeholders(text) != placeholders(term.msgid):
                    problems.append(
                        f"placeholders {sorted(placeholders(text))} instead of "
                        f"{sorted(placeholders(term.msgid))}: {term.msgid!r}"
                    )
                if tags(text) != tags(term.msgid):
                    diff = (tags(text) - tags(term.msgid)) + (
                        tags(term.msgid) - tags(text)
                    )
                    problems.append(f"tags {sorted(diff)} differ: {term.msgid!r}")
    assert not problems, f"{po_path.relative_to(REPO)}:\n" + "\n".join(problems)


def test_every_python_term_extractable():
    """Odoo exports a module's Python terms with babel, which stops reading a
    file at the first f-string inside a translated call (it evaluates the
    call's strings): every file must read to its end, or the terms after that
    point never reach the templates nor the translators."""
    unreadable = []
    for path in sorted(REPO.glob("qsr_*/**/*.py")):
        with path.open("rb") as source:
            try:
                list(extract_python(source, ["_", "_lt"], [], {}))
            except Exception as error:  # any error stops Odoo's export
                unreadable.append(f"{path.relative_to(REPO)}: {error!r}")
    assert not unreadable, "\n".join(unreadable)
