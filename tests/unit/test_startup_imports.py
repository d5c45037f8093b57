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
