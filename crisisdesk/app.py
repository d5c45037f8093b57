"""The one place that wires store, settings, services and windows together."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _
from crisisdesk.services.handbook import Services, open_services
from crisisdesk.services.locations import default_handbook_path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise CrisisdeskError(f"--size '{text}': expected WIDTHxHEIGHT, e.g. 1366x768") from None
    return width, height


def open_handbook_services(path: Path) -> Services:
    """Open the handbook; the default one is created empty on first start."""
    if path == default_handbook_path() and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        return open_services(path, create=True)
    return open_services(path)


def run_gui(args: argparse.Namespace) -> int:
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from crisisdesk.ui.main_window import MainWindow
    from crisisdesk.ui.theme import apply_text_size

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("crisisdesk")
    app.setApplicationName("crisisdesk")
    path = Path(args.db) if args.db else default_handbook_path()

    if screenshot:
        # A throwaway settings file: screenshots must not depend on (or change) the
        # user's remembered window geometry.
        tmp = tempfile.TemporaryDirectory()
        settings = QSettings(str(Path(tmp.name) / "settings.ini"), QSettings.Format.IniFormat)
    else:
        settings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "crisisdesk", "crisisdesk"
        )
    from crisisdesk.ui.language import SETTING as LANGUAGE_SETTING
    from crisisdesk.ui.language import apply_language

    apply_language(app, str(settings.value(LANGUAGE_SETTING, "auto")))
    apply_text_size(app, bool(settings.value("view/large_text", False, type=bool)))

    try:
        services = open_handbook_services(path)
    except CrisisdeskError as exc:
        if screenshot:
            sys.stderr.write(f"crisisdesk: {exc}\n")
        else:
            QMessageBox.critical(None, _("Cannot open handbook"), str(exc))
        return EXIT_FAILED

    window = MainWindow(services, settings)
    try:
        if screenshot:
            return _screenshot(app, window, args, Path(screenshot))
        _wire_file_menu(window)
        window.show()
        return int(app.exec())
    finally:
        services.close()


def _screenshot(app, window, args: argparse.Namespace, out: Path) -> int:  # type: ignore[no-untyped-def]
    try:
        width, height = _parse_size(args.size)
    except CrisisdeskError as exc:
        sys.stderr.write(f"crisisdesk: {exc}\n")
        return EXIT_USAGE
    window.resize(width, height)
    window.show_area(args.view)
    window.show()
    for _i in range(5):
        app.processEvents()
    image = window.grab()
    if not image.save(str(out), "PNG"):
        sys.stderr.write(f"crisisdesk: {out}: cannot write the PNG file\n")
        return EXIT_FAILED
    window.close()
    print(out)
    return EXIT_OK


def _wire_file_menu(window) -> None:  # type: ignore[no-untyped-def]
    """File > Open / New: replace the window with one on the other handbook."""
    from PySide6.QtWidgets import QMessageBox

    from crisisdesk.services.handbook import init_handbook
    from crisisdesk.ui.main_window import MainWindow

    def switch(path: str, create: bool) -> None:
        try:
            services = init_handbook(Path(path)) if create else open_services(Path(path))
        except CrisisdeskError as exc:
            QMessageBox.critical(window, _("Cannot open handbook"), str(exc))
            return
        new_window = MainWindow(services, window.settings)
        _wire_file_menu(new_window)
        new_window.show()
        old_services = window.services
        window.close()
        old_services.close()

    window.openRequested.connect(lambda p: switch(p, False))
    window.newRequested.connect(lambda p: switch(p, True))
