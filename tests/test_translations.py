"""Every msgid in the code has a German translation, and German quotes are paired.

The strings are extracted afresh with Django's makemessages (xgettext) from a copy of the
source, so the real catalogue is never written. A msgid counts as translated when
locale/de/LC_MESSAGES/django.po has a non-fuzzy translation for it, or when a fragment in
locale/fragments/*.po (German translations of a branch, merged into the catalogue by the
coordinator) has one.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .german_words import german_words

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("config", "portal", "planning", "participation", "gis", "templates", "fixtures",
               "accounts_citizen", "dataprotection", "partners")
CATALOGUE = Path("locale", "de", "LC_MESSAGES", "django.po")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def po_entries(text: str) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr[…] and the fuzzy flag."""
    entries = []
    for block in text.split("\n\n"):
        entry, key = {"fuzzy": False, "msgstr": []}, None
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgctxt", "msgid", "msgstr")):
                key = line.split(" ", 1)[0]
                value = "".join(_STRING.findall(line))
                if key.startswith("msgstr"):
                    entry["msgstr"].append(value)
                else:
                    entry[key] = value
            elif line.startswith('"') and key:
                value = "".join(_STRING.findall(line))
                if key.startswith("msgstr"):
                    entry["msgstr"][-1] += value
                else:
                    entry[key] += value
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def _key(entry: dict) -> tuple[str, str]:
    return entry.get("msgctxt", ""), entry["msgid"]


def _translated(entry: dict) -> bool:
    return not entry["fuzzy"] and bool(entry["msgstr"]) and all(entry["msgstr"])


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[dict]:
    """The catalogue as makemessages would update it from the current code."""
    copy = tmp_path_factory.mktemp("makemessages")
    for name in SOURCE_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns(
                "__pycache__", "static", "*.mo", "*.pyc"))
    (copy / CATALOGUE).parent.mkdir(parents=True)
    shutil.copy(ROOT / CATALOGUE, copy / CATALOGUE)
    env = {**os.environ, "PYTHONPATH": str(copy), "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "de", "--no-location",
                    "--no-obsolete", "-v", "0"], cwd=copy, env=env, check=True, timeout=300)
    return po_entries((copy / CATALOGUE).read_text(encoding="utf-8"))


def _fragment_translations() -> set[tuple[str, str]]:
    keys = set()
    for fragment in sorted((ROOT / "locale" / "fragments").glob("*.po")):
        keys |= {_key(e) for e in po_entries(fragment.read_text(encoding="utf-8"))
                 if _translated(e)}
    return keys


def test_every_msgid_in_the_code_has_a_german_translation(extracted):
    from_fragments = _fragment_translations()
    missing = [entry["msgid"] for entry in extracted
               if not _translated(entry) and _key(entry) not in from_fragments]
    assert missing == [], f"{len(missing)} msgids without a German translation"


def test_german_quotes_are_paired_in_catalogue_and_fragments():
    files = [ROOT / CATALOGUE, *sorted((ROOT / "locale" / "fragments").glob("*.po"))]
    unpaired = [(path.name, text) for path in files
                for entry in po_entries(path.read_text(encoding="utf-8"))
                for text in entry["msgstr"]
                if text.count("„") != text.count("“") or "”" in text]
    assert unpaired == []


def test_the_parser_sees_fuzzy_and_empty_entries():
    entries = po_entries('msgid "A"\nmsgstr ""\n\n#, fuzzy\nmsgid "B"\nmsgstr "b"\n\n'
                         'msgid "C"\nmsgid_plural "Cs"\nmsgstr[0] "c"\nmsgstr[1] ""\n"cs"\n')
    assert [(_translated(e), e["msgid"]) for e in entries] == [
        (False, "A"), (False, "B"), (True, "C")]


#: Official German names the English text keeps on purpose.
GERMAN_ON_PURPOSE = {"AGS (Amtlicher Gemeindeschlüssel)", "ARS (Amtlicher Regionalschlüssel)"}


def test_msgids_are_english_so_english_mode_shows_english(extracted):
    """A German msgid (its "translation" the same text) shows German in English mode, e.g.
    "berücksichtigt" or "Rechtsstand"."""
    german = [entry["msgid"] for entry in extracted
              if entry["msgstr"][:1] == [entry["msgid"]] and entry["msgid"] not in GERMAN_ON_PURPOSE
              and (re.search("[äöüßÄÖÜ]", entry["msgid"]) or german_words(entry["msgid"]))]
    assert german == []
