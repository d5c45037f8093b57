"""Time from process start to the main window shown, against a bare PySide6 window.

Both are started the same way (a fresh Python process, offscreen platform) in the same
run; each is measured several times and the median reported. Goal: within 1.5x.

    python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 760); w.show()
app.processEvents()
print(time.time())
"""

APP = r"""
import time, sys
from crisisdesk.entry import main  # noqa: F401  (what the crisisdesk program imports)
from crisisdesk import app as app_module
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
import argparse
args = argparse.Namespace(db=sys.argv[1], screenshot=None, view="readiness", size="1280x760",
                          command=None)
def shown():
    print(time.time(), flush=True)
    QApplication.instance().quit()
QTimer.singleShot(0, shown)
app_module.run_gui(args)
"""


def measure(code: str, extra: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *extra], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    return float(out[0]) - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        env["XDG_CONFIG_HOME"] = tmp
        subprocess.run(
            [sys.executable, "-m", "crisisdesk", "--db", str(db), "init", "--demo"],
            check=True,
            capture_output=True,
            env=env,
        )
        measure(BARE, [], env)  # warm the file cache for both
        bare = [measure(BARE, [], env) for _ in range(runs)]
        full = [measure(APP, [str(db)], env) for _ in range(runs)]
    b, a = statistics.median(bare), statistics.median(full)
    print(f"bare PySide6 window shown:    {b * 1000:7.0f} ms (median of {runs})")
    print(f"crisisdesk main window shown: {a * 1000:7.0f} ms (median of {runs}, demo handbook)")
    print(f"ratio: {a / b:.2f}x (goal: within 1.5x)")


if __name__ == "__main__":
    main()
