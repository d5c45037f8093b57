"""A dialog listing every problem found in a file, each with its line number."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.errors import Problem
from crisisdesk.domain.i18n import _, ngettext


def problem_line(problem: Problem) -> str:
    if problem.line is None:
        return problem.message
    return _("Line {line}: {message}").format(line=problem.line, message=problem.message)


class ProblemsDialog(QDialog):
    def __init__(
        self, file: str, problems: list[Problem], intro: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Problems in {file}").format(file=file))
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            intro
            + " "
            + ngettext(
                "Fix this problem in the file and try again:",
                "Fix these {n} problems in the file and try again:",
                len(problems),
            ).format(n=len(problems))
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.addItems([problem_line(p) for p in problems])
        self.list.setAccessibleName(_("Problems"))
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(720, 360)
