"""The interface language: our gettext catalogs, Qt's own dialog texts, and the locale
for dates and numbers (``domain.i18n.format_date`` / ``format_number``, and Qt's widgets
through QLocale), all chosen together at start-up.

The choice is kept per user in QSettings (``ui/language``: auto, en or nl) and applied
when the program starts; changing it in the View menu takes effect at the next start
(every window, menu and dialog would otherwise have to rebuild its texts).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crisisdesk.domain.i18n import _, format_date, set_language

SETTING = "ui/language"
# (value, label): a language's own name is never translated, so it can always be found.
CHOICES: tuple[tuple[str, Callable[[], str]], ...] = (
    ("auto", lambda: _("Automatic (system language)")),
    ("en", lambda: "English"),
    ("nl", lambda: "Nederlands"),
)
_QT_CATALOG = "qtbase"
_TRANSLATOR_PROPERTY = "crisisdeskQtTranslator"
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}  # en_GB: day-month order like the rest of Europe


def qt_catalog(language: str) -> Path | None:
    """Qt's translation of its own texts (button boxes, file dialogs...), shipped in
    PySide6's translations folder; None for English (Qt's source) or when missing."""
    if language == "en":
        return None
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    path = folder / f"{_QT_CATALOG}_{language}.qm"
    return path if path.is_file() else None


def apply_language(app: QCoreApplication, setting: str) -> str:
    """Switch our strings, Qt's strings and the locale to ``setting``; returns the
    language chosen ('en' or 'nl')."""
    chosen = set_language(setting if setting in dict(CHOICES) else "auto")
    old = app.property(_TRANSLATOR_PROPERTY)
    if isinstance(old, QTranslator):
        QCoreApplication.removeTranslator(old)
        app.setProperty(_TRANSLATOR_PROPERTY, None)
    catalog = qt_catalog(chosen)
    if catalog is not None:
        translator = QTranslator(app)
        if translator.load(str(catalog)):
            QCoreApplication.installTranslator(translator)
            app.setProperty(_TRANSLATOR_PROPERTY, translator)
    # Qt's own widgets (calendars, spin boxes) write as our strings do: one locale
    # per interface language.
    QLocale.setDefault(QLocale(_LOCALES[chosen]))
    return chosen


def date_edit_format(*, time: bool = False, seconds: bool = False) -> str:
    """The display format of date (and time) editors: as ``format_date`` writes a date
    (dd-MM-yyyy in Dutch), so typed and shown dates look the same."""
    sample = format_date(date(2001, 2, 3))
    pattern = sample.replace("2001", "yyyy").replace("02", "MM").replace("03", "dd")
    if time:
        pattern += " HH:mm:ss" if seconds else " HH:mm"
    return pattern
