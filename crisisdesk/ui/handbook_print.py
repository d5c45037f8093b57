"""File > Print handbook: the printed handbook as a PDF, laid out off the GUI thread
with a progress bar in the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _
from crisisdesk.services.handbook import Services
from crisisdesk.ui.tasks import Task, TaskProgressBar, TaskRunner

if TYPE_CHECKING:
    from crisisdesk.services.handbook_export import HandbookExport

LETTER_TERRITORIES = (QLocale.Country.UnitedStates, QLocale.Country.Canada)


def default_paper() -> str:
    """Letter where the locale's country uses it, else A4."""
    return "letter" if QLocale().territory() in LETTER_TERRITORIES else "a4"


class HandbookPrinter(QObject):
    written = Signal(object)  # HandbookExport
    failed = Signal(str)  # the message shown to the user

    def __init__(
        self, services: Services, runner: TaskRunner, progress: TaskProgressBar, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._progress = progress
        self._parent = parent

    def ask(self) -> Task | None:
        """Ask where to save, then export; None when the user cancelled."""
        suggested = self._services.path.with_name(f"{self._services.path.stem}-handbook.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self._parent, _("Print handbook as PDF"), str(suggested), _("PDF files (*.pdf)")
        )
        return self.export(Path(path)) if path else None

    def export(self, out: Path, paper: str | None = None) -> Task | None:
        """Gather the content here (on the GUI's connection), lay it out on the runner."""
        from crisisdesk.services.handbook_export import write_handbook_file

        try:
            content = self._services.handbook_export.content()
        except CrisisdeskError as exc:
            self._fail(str(exc))
            return None
        chosen = paper or default_paper()
        task = self._runner.run(
            _("Printing handbook"),
            lambda progress: write_handbook_file(out, content, paper=chosen, progress=progress),
        )
        self._progress.follow(task)
        task.finished.connect(self.written.emit)
        task.failed.connect(lambda error: self._fail(str(error)))
        return task

    def _fail(self, message: str) -> None:
        self.failed.emit(message)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Handbook not printed"),
            message,
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setModal(False)  # nothing modal blocks logging
        box.show()


def written_message(result: HandbookExport) -> str:
    return _("Handbook written to {path}").format(path=result.path)
