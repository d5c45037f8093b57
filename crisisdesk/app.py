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
ICON = Path(__file__).resolve().parent / "resources" / "icons" / "crisisdesk-256.png"


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
    from PySide6.QtWidgets import QApplication

    from crisisdesk.ui.main_window import MainWindow
    from crisisdesk.ui.theme import apply_contrast, apply_text_size, install_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("crisisdesk")
    app.setApplicationName("crisisdesk")
    app.setDesktopFileName("crisisdesk")
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(ICON)))
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
    install_style(app)  # the system's light or dark theme, check boxes visible in both
    apply_text_size(app, bool(settings.value("view/large_text", False, type=bool)))
    apply_contrast(app, bool(settings.value("view/high_contrast", False, type=bool)))

    try:
        services = open_handbook_services(path)
    except CrisisdeskError as exc:
        if screenshot:
            sys.stderr.write(f"crisisdesk: {exc}\n")
            return EXIT_FAILED
        from crisisdesk.ui.recovery import offer_recovery

        recovered = offer_recovery(path, exc)
        if recovered is None:
            return EXIT_FAILED
        services = recovered

    window = MainWindow(services, settings)
    if screenshot:
        try:
            return _screenshot(app, window, args, Path(screenshot))
        finally:
            services.close()
    session = {"window": window}
    _wire_file_menu(window, session)
    window.show()
    window.backups.on_open()
    try:
        return int(app.exec())
    finally:
        last = session["window"]
        finish_tasks(last)
        last.backups.backup_on_close()
        last.services.close()


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


def finish_tasks(window) -> None:  # type: ignore[no-untyped-def]
    """Before the window's handbook is closed (quit, open another, restore): let every
    running task (backup, import, export) end, and deliver its result, which may still
    write to the handbook (an export is logged in the incident)."""
    from PySide6.QtCore import QCoreApplication

    window.runner.wait()
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()


def _wire_file_menu(window, session: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    """File > Open / New / Backups > Restore: replace the window with one on the other
    (or the restored) handbook. ``session['window']`` is always the current window."""
    from crisisdesk.services.handbook import init_handbook

    window.openRequested.connect(lambda p: _switch(window, session, lambda: open_services(Path(p))))
    window.newRequested.connect(lambda p: _switch(window, session, lambda: init_handbook(Path(p))))
    window.restoreRequested.connect(lambda b: restore_in_window(window, session, Path(b)))


def _switch(window, session: dict, make):  # type: ignore[no-untyped-def,type-arg]
    from PySide6.QtWidgets import QMessageBox

    try:
        services = make()
    except CrisisdeskError as exc:
        QMessageBox.critical(window, _("Cannot open handbook"), str(exc))
        return None
    finish_tasks(window)
    window.backups.backup_on_close()
    new_window = _new_window(window, session, services)
    old_services = window.services
    window.close()
    old_services.close()
    return new_window


def _new_window(window, session: dict, services: Services):  # type: ignore[no-untyped-def,type-arg]
    from crisisdesk.ui.main_window import MainWindow

    new_window = MainWindow(services, window.settings, window.runner)
    _wire_file_menu(new_window, session)
    new_window.show()
    new_window.backups.on_open()
    session["window"] = new_window
    return new_window


def restore_in_window(window, session: dict, backup: Path, warn=None):  # type: ignore[no-untyped-def,type-arg]
    """Close the handbook, put ``backup`` in its place, and open it in a new window.

    When the restore is refused (damaged backup...) the old handbook, unchanged, is
    reopened and the reason shown.
    """
    from PySide6.QtWidgets import QApplication, QMessageBox

    from crisisdesk.services.backups import restore_handbook

    app = QApplication.instance()
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the window is replaced, not the app closed
    try:
        path = window.services.path
        old_services = window.services
        finish_tasks(window)
        window.close()
        old_services.close()
        error = None
        try:
            restore_handbook(path, backup)
        except CrisisdeskError as exc:
            error = exc
        try:
            services = open_services(path)
        except CrisisdeskError as exc:
            from crisisdesk.ui.recovery import offer_recovery

            recovered = offer_recovery(path, exc)
            if recovered is None:
                app.quit()
                return None
            services = recovered
        new_window = _new_window(window, session, services)
        if error is not None:
            (warn or QMessageBox.critical)(new_window, _("Backup not restored"), str(error))
        return new_window
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
