#!/usr/bin/env python
"""The translation catalogs (locale/<lang>/LC_MESSAGES/django.po and .mo): update, compile, check.

    .venv/bin/python bin/messages.py update    # makemessages, then compile (`make messages`)
    .venv/bin/python bin/messages.py compile   # .po -> .mo only
    .venv/bin/python bin/messages.py check     # fail if the .po is out of date with the source

Compiling is done with polib (pinned in requirements.txt) instead of Django's compilemessages:
compilemessages needs GNU gettext's msgfmt, which a fresh machine lacks, and the .mo files are
committed so that `make run` and the tests work without it. Only `update` and `check` need
gettext (xgettext, msgmerge): they run Django's makemessages.

`check` runs makemessages into the tree, compares the set of msgids with the committed .po and
puts the committed files back whatever happens; it fails when a string was added to or removed
from the source without `make messages`, and when a .mo does not match its .po.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
DOMAIN = "django"
# English is the source language: it needs no catalog.
DEFAULT_LOCALES = ["zh_Hans"]
IGNORE = [".venv", "staticfiles", "media", "tests", "bench", "bin", "locale"]


def locales():
    found = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir()) \
        if LOCALE_DIR.is_dir() else []
    return found or DEFAULT_LOCALES


def po_path(locale):
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def makemessages():
    missing = [tool for tool in ("xgettext", "msgmerge", "msguniq", "msgfmt")
               if not shutil.which(tool)]
    if missing:
        sys.exit(f"makemessages needs GNU gettext ({', '.join(missing)} not found): "
                 "apt-get install -y gettext")
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete",
               "--add-location=file", *(f"--ignore={name}" for name in IGNORE)]
    for locale in locales():
        command += ["-l", locale]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def compile_po(po_file):
    """Write the .mo next to the .po (via a temporary file, so a reader never sees half)."""
    po = polib.pofile(str(po_file))
    mo_file = po_file.with_suffix(".mo")
    tmp = mo_file.with_name(mo_file.name + ".tmp")
    po.save_as_mofile(str(tmp))
    os.replace(tmp, mo_file)
    return mo_file


def compile_all():
    for locale in locales():
        mo_file = compile_po(po_path(locale))
        print(f"compiled {mo_file.relative_to(ROOT)}")


def entry_key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def msgids(po_file):
    return {entry_key(e) for e in polib.pofile(str(po_file)) if not e.obsolete}


def translations(catalog):
    """{key: translation} of the entries a .mo holds (translated, not fuzzy)."""
    result = {}
    for entry in catalog:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
            if not any(value):
                continue
        else:
            value = entry.msgstr
            if not value:
                continue
        result[entry_key(entry)] = value
    return result


def mo_matches_po(po_file):
    mo_file = po_file.with_suffix(".mo")
    if not mo_file.exists():
        return False
    po, mo = polib.pofile(str(po_file)), polib.mofile(str(mo_file))
    return (translations(po) == translations(mo)
            and po.metadata.get("Plural-Forms") == mo.metadata.get("Plural-Forms"))


def msgfmt_problems(po_file, locale):
    """What GNU msgfmt's checks find (e.g. a msgid xgettext took for a Python format string
    whose translation is not one): Django's compilemessages would refuse such a catalog."""
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po_file)],
                            capture_output=True, text=True)
    if result.returncode == 0:
        return []
    return [f"{locale}: msgfmt --check: {line}" for line in result.stderr.splitlines() if line]


def check():
    problems = []
    saved = {locale: po_path(locale).read_bytes() for locale in locales()
             if po_path(locale).exists()}
    before = {locale: msgids(po_path(locale)) for locale in saved}
    try:
        makemessages()
        after = {locale: msgids(po_path(locale)) for locale in saved}
    finally:
        for locale, content in saved.items():
            po_path(locale).write_bytes(content)
    for locale in saved:
        added = sorted(after[locale] - before[locale])
        removed = sorted(before[locale] - after[locale])
        for label, keys in (("new in the source, not in the catalog", added),
                            ("in the catalog, gone from the source", removed)):
            for _context, msgid, _plural in keys:
                problems.append(f"{locale}: {label}: {msgid!r}")
        problems += msgfmt_problems(po_path(locale), locale)
        if not mo_matches_po(po_path(locale)):
            problems.append(f"{locale}: {DOMAIN}.mo does not match {DOMAIN}.po")
    if problems:
        print("\n".join(problems))
        print("The translation catalog is out of date: run `make messages`, translate the new "
              "entries in locale/*/LC_MESSAGES/django.po, run `make messages` again and commit "
              "the .po and .mo files.")
        return 1
    print(f"translation catalogs up to date ({', '.join(saved)})")
    return 0


def main(argv):
    command = argv[1] if len(argv) > 1 else "update"
    if command == "update":
        makemessages()
        compile_all()
        return 0
    if command == "compile":
        compile_all()
        return 0
    if command == "check":
        return check()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
