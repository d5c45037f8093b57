"""Interface translations: extract, merge and compile the gettext catalogs.

    python scripts/i18n.py          # or: make i18n

1. extracts every ``_()`` / ``ngettext()`` string from ``crisisdesk/`` into
   ``crisisdesk/locale/crisisdesk.pot``;
2. merges it into ``crisisdesk/locale/nl/LC_MESSAGES/crisisdesk.po`` (new strings
   arrive with an empty translation, strings no longer used are dropped);
3. compiles the ``.mo`` beside it, which is committed so a plain install works.

Then translate the empty ``msgstr`` entries in the ``.po`` and run it again.
``tests/unit/test_translations.py`` fails while any string lacks a Dutch translation
or the ``.mo`` is older than the ``.po``. Needs Babel (a test/dev dependency only).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "crisisdesk"
LOCALE = PACKAGE / "locale"
DOMAIN = "crisisdesk"
TRANSLATED = ("nl",)
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def extract() -> Catalog:
    """Every translatable string in the package, with where it is used."""
    catalog = Catalog(project="crisisdesk", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("i18n:",),
        strip_comment_tags=True,
    ):
        catalog.add(
            message,
            None,
            [(f"crisisdesk/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        write_po(stream, catalog, width=100, sort_output=False, omit_header=False)


def update(template: Catalog, language: str) -> Catalog:
    """The language's catalog with the template's strings: translations kept, new
    strings empty, unused ones dropped (no fuzzy guessing: a guess is not a translation)."""
    path = po_path(language)
    if path.exists():
        catalog = read(path, language)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, project="crisisdesk", charset="utf-8")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False  # the header: its plural rule must reach the .mo
    catalog.project, catalog.version = "crisisdesk", ""
    catalog.language_team = "crisisdesk maintainers"
    catalog.last_translator = "crisisdesk maintainers"
    catalog.copyright_holder = "the crisisdesk authors"
    return catalog


def is_translated(message: Message) -> bool:
    """A real translation: every plural form filled in, and not a fuzzy guess."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(forms)


def compile_mo(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as stream:
        write_mo(stream, catalog, use_fuzzy=False)


def main() -> int:
    template = extract()
    write(LOCALE / f"{DOMAIN}.pot", template)
    for language in TRANSLATED:
        catalog = update(template, language)
        write(po_path(language), catalog)
        compile_mo(catalog, mo_path(language))
        missing = [m.id for m in catalog if m.id and not is_translated(m)]
        print(f"{language}: {len(template)} strings, {len(missing)} without translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
