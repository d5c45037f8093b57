"""Opening the window or running a command must not pay for the PDF, signing and
import libraries (well over a second together): they are imported when used."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("reportlab", "pyhanko", "vobject", "pypdfium2", "sqlite_utils")


def test_window_and_cli_modules_do_not_import_heavy_libraries() -> None:
    code = (
        "import sys, crisisdesk.entry, crisisdesk.cli, crisisdesk.app, "
        "crisisdesk.ui.main_window, crisisdesk.services.handbook\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.stdout.strip() == "", f"imported at start-up: {result.stdout.strip()}"


# Loaded only when their area, dialog or command is used: the window opens without them.
LATER = (
    "crisisdesk.cli.contact_cmds",  # command modules: only a command needs its parser
    "crisisdesk.cli.export_cmds",
    "crisisdesk.services.evaluation",  # services: built when first used
    "crisisdesk.services.exercises",
    "crisisdesk.services.contact_sheet",
    "crisisdesk.services.handbook_export",
    "crisisdesk.services.signing",
    "crisisdesk.services.incidents",  # the incident machinery: only when one runs
    "crisisdesk.ui.dialogs.signing",  # dialogs: imported when opened
    "crisisdesk.ui.shortcuts",
    "crisisdesk.ui.views.contacts",  # views: built when first shown
    "phonenumbers",
    *HEAVY,
)

OPEN_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from crisisdesk.entry import main
QTimer.singleShot(0, lambda: QApplication.instance().quit())
status = main(["--db", sys.argv[1]])
print("status", status)
print(",".join(sorted(sys.modules)))
"""


def test_opening_the_window_loads_only_what_the_first_view_needs(tmp_path) -> None:
    db = tmp_path / "demo.db"
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "", "XDG_CONFIG_HOME": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "crisisdesk", "--db", str(db), "init", "--demo"],
        check=True,
        capture_output=True,
        env=env,
    )
    result = subprocess.run(
        [sys.executable, "-c", OPEN_WINDOW, str(db)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    status, modules = result.stdout.strip().splitlines()[-2:]
    assert status == "status 0"
    # Quitting at once while the open-time backup still runs: it finishes first.
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    loaded = set(modules.split(","))
    assert "crisisdesk.ui.views.readiness" in loaded  # the window really opened
    assert sorted(m for m in LATER if m in loaded) == []
