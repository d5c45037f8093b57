"""Time from process start to the main window shown, against a bare PySide6 window.

Both are started the same way (a fresh Python process, offscreen platform) in the same
run; each is measured several times and the median reported. Goal: within 1.5x.

A third figure is a control: a Qt-only window with the widgets crisisdesk's window has
(navigation list with standard icons, a page of labels and buttons, five menus of
actions with shortcuts, status bar) and none of crisisdesk's code. It shows how much of
the gap is Qt itself (PySide6 builds Python enums for the Qt namespace, QStyle and item
views on first use) and how much is ours.

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

QT_SHELL = r"""
import time, sys
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QGridLayout, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QMainWindow, QProgressBar, QPushButton, QStackedWidget, QStyle, QWidget)
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 760)
central = QWidget(); row = QHBoxLayout(central); nav = QListWidget(); stack = QStackedWidget()
for i, icon in enumerate((QStyle.StandardPixmap.SP_DirIcon, QStyle.StandardPixmap.SP_FileIcon,
                          QStyle.StandardPixmap.SP_ComputerIcon, QStyle.StandardPixmap.SP_DialogYesButton,
                          QStyle.StandardPixmap.SP_MessageBoxWarning, QStyle.StandardPixmap.SP_DriveHDIcon)):
    item = QListWidgetItem(w.style().standardIcon(icon), f"Area {i}")
    item.setData(Qt.ItemDataRole.UserRole, i); nav.addItem(item); stack.addWidget(QWidget())
page = QWidget(); grid = QGridLayout(page)
for r in range(12):
    for c in range(3):
        label = QLabel(f"<b>Row {r}</b> text {c}"); label.setWordWrap(True); grid.addWidget(label, r, c)
    grid.addWidget(QPushButton("Go"), r, 3)
stack.addWidget(page); stack.setCurrentWidget(page)
row.addWidget(nav); row.addWidget(stack, 1); w.setCentralWidget(central)
for m in range(5):
    menu = w.menuBar().addMenu(f"&Menu {m}")
    for a in range(7):
        action = QAction(f"Action {a}", w); action.setShortcut(QKeySequence(f"Ctrl+Shift+{a}"))
        menu.addAction(action)
w.statusBar().addWidget(QLabel("status"), 1); w.statusBar().addPermanentWidget(QProgressBar())
QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "bench", "bench").value("g")
w.show()
def shown():
    print(time.time(), flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

APP = r"""
import time, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from crisisdesk.entry import main  # the crisisdesk program, started as a user starts it
def shown():
    print(time.time(), flush=True)
    QApplication.instance().quit()
QTimer.singleShot(0, shown)
main(["--db", sys.argv[1]])
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
        measure(BARE, [], env)  # warm the file cache for all three
        measure(APP, [str(db)], env)
        bare, shell, full = [], [], []
        for _ in range(runs):  # interleaved: a load that comes and goes hits all three
            bare.append(measure(BARE, [], env))
            shell.append(measure(QT_SHELL, [], env))
            full.append(measure(APP, [str(db)], env))
    b, q, a = statistics.median(bare), statistics.median(shell), statistics.median(full)
    print(f"bare PySide6 window shown:    {b * 1000:7.0f} ms (median of {runs})")
    print(f"Qt-only window, same widgets: {q * 1000:7.0f} ms (median of {runs}; control)")
    print(f"crisisdesk main window shown: {a * 1000:7.0f} ms (median of {runs}, demo handbook)")
    print(f"ratio: {a / b:.2f}x (goal: within 1.5x); the Qt-only control is {q / b:.2f}x")


if __name__ == "__main__":
    main()
