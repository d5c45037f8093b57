"""Interface language: gettext catalogs for English (source) and Dutch.

Every user-visible string in every layer is wrapped in ``_()``. The language is
process-wide state, like the C locale: it is chosen once at start-up (from the system
locale or the user's setting) with ``set_language`` and read by ``_``. Catalogs live in
``crisisdesk/locale/<lang>/LC_MESSAGES/crisisdesk.mo``.
"""

from __future__ import annotations

import gettext
import locale
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

DOMAIN = "crisisdesk"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("en", "nl")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def system_language() -> str:
    """'nl' when the system locale is Dutch, else 'en'."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    code = locale.getlocale()[0] or ""
    return "nl" if code.lower().startswith("nl") else "en"


def set_language(language: str) -> str:
    """Switch the interface language ('auto', 'en' or 'nl'); returns the one chosen."""
    global _translations, _language
    chosen = system_language() if language in ("", "auto") else language
    if chosen not in LANGUAGES:
        raise ValueError(f"unknown language '{language}' (choose from auto, en, nl)")
    _translations = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[chosen], fallback=True
    )
    _language = chosen
    return chosen


def current_language() -> str:
    return _language


# A document printed in another language than the interface's (the printed handbook
# in Dutch from an English window) switches only its own thread: see use_language.
_local = threading.local()


def _active() -> gettext.NullTranslations:
    override: gettext.NullTranslations | None = getattr(_local, "translations", None)
    return override if override is not None else _translations


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Within the block, ``_`` and ``ngettext`` on this thread speak ``language``
    ('en' or 'nl'); other threads (the GUI) keep the interface language."""
    previous = getattr(_local, "translations", None)
    _local.translations = translations(language)
    try:
        yield
    finally:
        _local.translations = previous


def _(message: str) -> str:
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def translations(language: str) -> gettext.NullTranslations:
    """The catalog of one language ('en' or 'nl') without changing the interface
    language: a document printed in Dutch from an English interface uses this."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language '{language}' (choose from {', '.join(LANGUAGES)})")
    return gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True
    )


# Dates and numbers follow the interface language (the same catalog, so a document
# printed in Dutch from an English window writes Dutch dates too). Evidence keeps
# ISO 8601 with its UTC offset: the signed log, the JSON of the command line.


def format_date(day: date) -> str:
    """A date as the interface language writes it: 14/03/2026, in Dutch 14-03-2026."""
    # Translators: how a date is written; keep the three fields, order and separate them.
    return _("{day:02d}/{month:02d}/{year}").format(day=day.day, month=day.month, year=day.year)


def format_datetime(when: datetime, *, seconds: bool = False) -> str:
    """A moment in this laptop's local time, with its date: 14/03/2026 09:30."""
    local = when.astimezone()
    return f"{format_date(local.date())} {local.strftime('%H:%M:%S' if seconds else '%H:%M')}"


def number_marks() -> tuple[str, str]:
    """(thousands separator, decimal mark) of the interface language."""
    # Translators: one thousand two hundred thirty-four and a half, written with the
    # language's thousands separator and decimal mark (Dutch: 1.234,5).
    sample = _("1,234.5")
    return sample[1], sample[5]


def format_number(number: float, decimals: int = 0) -> str:
    """A number with the language's separators: 1,234.5, in Dutch 1.234,5."""
    thousands, decimal = number_marks()
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
