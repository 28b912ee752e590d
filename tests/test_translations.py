"""The translation catalogs in locale/: complete, compiled, and faithful to their placeholders.

The .mo files are committed (compiled with polib by `make messages`; see bin/messages.py), so
these tests compare them with the .po they come from. Whether the .po is up to date with the
source is checked by `bin/messages.py check` in CI, which needs GNU gettext.
"""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext, to_locale

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
SOURCE_LANGUAGE = "en"  # the msgids are English: no catalog

# %(name)s and %s-style conversions (Python's printf-style formatting), {name} (str.format),
# %% (a literal per cent sign, in a string that is %-formatted) and HTML tags.
NAMED = re.compile(r"%\([^)]+\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL = re.compile(r"%(?!\()[#0+-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}")
TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _entries(po_file):
    return [e for e in polib.pofile(str(po_file)) if not e.obsolete]


def _where(entry):
    return f"{entry.msgid!r} ({', '.join(sorted({path for path, _line in entry.occurrences}))})"


def placeholders(text, python_format):
    found = {
        "named": sorted(set(NAMED.findall(text))),
        "positional": POSITIONAL.findall(text) if python_format else [],
        "percent": text.count("%%") if python_format else 0,
        "brace": sorted(set(BRACE.findall(text))),
        "tags": Counter(re.sub(r"\s+", " ", tag) for tag in TAG.findall(text)),
    }
    return found


def test_there_is_a_catalog_for_every_language_but_the_source():
    expected = {to_locale(code) for code, _name in settings.LANGUAGES} - {SOURCE_LANGUAGE}
    found = {path.parent.parent.name for path in PO_FILES}
    assert expected <= found, f"no django.po for {sorted(expected - found)}"
    assert Path(settings.LOCALE_PATHS[0]).resolve() == LOCALE_DIR


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated_and_none_is_fuzzy(po_file):
    po = polib.pofile(str(po_file))
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy: msgfmt would drop it"
    untranslated = [_where(e) for e in _entries(po_file) if not e.translated()
                    and "fuzzy" not in e.flags]
    fuzzy = [_where(e) for e in _entries(po_file) if "fuzzy" in e.flags]
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy entries (check the translation, then drop the flag):\n" + \
        "\n".join(fuzzy)


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_plural_forms(po_file):
    po = polib.pofile(str(po_file))
    plural_forms = po.metadata.get("Plural-Forms", "")
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    assert match, f"no Plural-Forms header in {po_file}"
    nplurals = int(match[1])
    if po_file.parent.parent.name.startswith("zh"):
        assert nplurals == 1  # Chinese has one form
    wrong = [_where(e) for e in _entries(po_file)
             if e.msgid_plural and sorted(e.msgstr_plural) != list(range(nplurals))]
    assert not wrong, f"plural entries without exactly {nplurals} form(s):\n" + "\n".join(wrong)


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_committed_mo_is_what_the_po_compiles_to(po_file, tmp_path):
    mo_file = po_file.with_suffix(".mo")
    assert mo_file.exists(), f"{mo_file} is missing: run `make messages` and commit it"
    fresh = tmp_path / "fresh.mo"
    polib.pofile(str(po_file)).save_as_mofile(str(fresh))

    def contents(path):
        mo = polib.mofile(str(path))
        entries = {
            (e.msgctxt or "", e.msgid, e.msgid_plural or ""):
                tuple(e.msgstr_plural[n] for n in sorted(e.msgstr_plural))
                if e.msgid_plural else e.msgstr
            for e in mo
        }
        return entries, mo.metadata.get("Plural-Forms")

    committed, expected = contents(mo_file), contents(fresh)
    stale = sorted(set(committed[0].items()) ^ set(expected[0].items()))
    assert not stale, (f"{mo_file.name} is out of date with {po_file.name} "
                       f"(run `make messages`); differing entries: {stale[:5]}")
    assert committed[1] == expected[1]


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_placeholders_survive_translation(po_file):
    problems = []
    for entry in _entries(po_file):
        python_format = "python-format" in entry.flags
        if entry.msgid_plural:
            # With one plural form the translation is used for every n: it follows the
            # plural msgid, which holds every placeholder of the singular.
            source = placeholders(entry.msgid_plural, python_format)
            singular = placeholders(entry.msgid, python_format)
            assert set(singular["named"]) <= set(source["named"]), _where(entry)
            translations = [text for _n, text in sorted(entry.msgstr_plural.items())]
        else:
            source = placeholders(entry.msgid, python_format)
            translations = [entry.msgstr]
        for text in translations:
            if not text:
                continue  # reported by the completeness test
            found = placeholders(text, python_format)
            if found != source:
                problems.append(f"{_where(entry)}\n    source {source}\n    translation {found}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_placeholder_patterns():
    found = placeholders("Row %(row)d: %s of {total} is 100 %% <strong>done</strong>", True)
    assert found["named"] == ["%(row)d"]
    assert found["positional"] == ["%s"]
    assert found["percent"] == 1
    assert found["brace"] == ["{total}"]
    assert found["tags"] == Counter({"<strong>": 1, "</strong>": 1})
    # "90 % unless" is prose, not a conversion.
    assert placeholders("(90 % unless set)", True)["positional"] == []


def test_the_site_speaks_simplified_chinese():
    """The compiled catalog is found through LOCALE_PATHS and used for zh-hans."""
    with translation.override("zh-hans"):
        assert gettext("Lessons") == "课程"
        assert gettext("Consumer-protection review") == "消保审核"
        assert ngettext("%(counter)s lesson", "%(counter)s lessons", 3) % {"counter": 3} \
            == "3 节课"
    with translation.override("en"):
        assert gettext("Lessons") == "Lessons"
