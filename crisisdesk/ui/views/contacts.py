"""Contacts: the people and organisations to call, with import, export and printing.

The list is a table view over an item model (no widget per row) with a filter that
searches names, roles, organisations and numbers as you type. Reading an import file
and laying out the contact sheet run off the GUI thread (ui.tasks); the handbook is
only touched on the GUI thread.
"""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _, ngettext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.contacts import ContactEntry, ImportPreview
from crisisdesk.services.handbook import Services
from crisisdesk.ui import pdf_print
from crisisdesk.ui.contact_dialogs import ContactDialog, ImportPreviewDialog
from crisisdesk.ui.contacts_model import (
    NAME,
    NUMBER,
    ORGANISATION,
    ROLES,
    VERIFIED,
    ContactsFilterProxy,
    ContactsTableModel,
)
from crisisdesk.ui.tasks import Task, TaskProgressBar, TaskRunner, ThreadTaskRunner
from crisisdesk.ui.widgets import EmptyState, Heading, table_view

DEBOUNCE_ROWS = 2000  # above this many contacts the filter waits for a pause in typing
DEBOUNCE_MS = 150


class ContactsView(QWidget):
    def __init__(
        self, services: Services, parent: QWidget | None = None, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.runner = runner or ThreadTaskRunner()
        self.dialog: QWidget | None = None  # the dialog last opened (tests look at it)
        self.task: Task | None = None
        self.printer: QPrinter | None = None

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(Heading(_("Contacts")))
        top.addStretch(1)
        self.count = QLabel()
        top.addWidget(self.count)
        layout.addLayout(top)

        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter: name, role, organisation or number…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(_("Filter contacts"))
        self.filter.textChanged.connect(self._filter_changed)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        bar.addWidget(self.filter, 1)
        self.add_button = self._button(bar, _("&Add…"), self.add_contact)
        self.edit_button = self._button(bar, _("&Edit…"), self.edit_contact)
        self.verify_button = self._button(bar, _("&Verified today"), self.verify_selected)
        self.delete_button = self._button(bar, _("&Delete…"), self.delete_selected)
        layout.addLayout(bar)

        files = QHBoxLayout()
        self.import_button = self._button(files, _("&Import…"), lambda: self.import_file())
        self.export_button = self._button(files, _("E&xport…"), lambda: self.export_file())
        files.addSpacing(16)
        files.addWidget(QLabel(_("Print:")))
        self.layout_choice = QComboBox()
        self.layout_choice.addItem(_("Contact sheet"), "sheet")
        self.layout_choice.addItem(_("Wallet cards"), "wallet")
        self.layout_choice.setAccessibleName(_("Printout"))
        self.paper_choice = QComboBox()
        self.paper_choice.addItem("A4", "a4")
        self.paper_choice.addItem("Letter", "letter")
        self.paper_choice.setAccessibleName(_("Paper size"))
        files.addWidget(self.layout_choice)
        files.addWidget(self.paper_choice)
        self.preview_button = self._button(files, _("Print pre&view…"), self.print_preview)
        self.print_button = self._button(files, _("&Print…"), self.print_sheet)
        files.addStretch(1)
        self.progress = TaskProgressBar()
        files.addWidget(self.progress)
        layout.addLayout(files)

        self.model = ContactsTableModel(self)
        self.proxy = ContactsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = table_view()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # fixed row heights: no per-row size computation with 5,000 contacts
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ORGANISATION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((NAME, 220), (ROLES, 200), (NUMBER, 190), (VERIFIED, 170)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _index: self.edit_contact())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.setAccessibleName(_("Contacts"))

        self.empty = EmptyState(
            _("No contacts yet"),
            _(
                "Add the crisis team and the external parties you will need to call: the "
                "IT-security specialist, the insurer, the police and the data-protection "
                "authority. Or import them from a vCard or CSV file."
            ),
            _("Import contacts…"),
        )
        self.empty.actionTriggered.connect(lambda: self.import_file())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        self.refresh()

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- list ---------------------------------------------------------------------
    def on_changed(self, change: Changed) -> None:
        if change.touches(Area.CONTACTS, Area.ROLES, Area.SETTINGS):
            self.refresh()

    def refresh(self) -> None:
        selected = {e.contact.id for e in self.selected_entries()}
        self.model.set_entries(self._services.contacts.entries())
        self._update_count()
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        if selected:
            self.select_ids(selected)
        self._update_buttons()

    def _filter_changed(self, text: str) -> None:
        # With thousands of contacts, filter when typing pauses, not on every key.
        if self.model.rowCount() > DEBOUNCE_ROWS:
            self._filter_timer.start()
        else:
            self._apply_filter()

    def _apply_filter(self) -> None:
        self.proxy.set_query(self.filter.text())
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        overdue = sum(1 for e in self.model.entries() if e.overdue)
        text = ngettext("{n} contact", "{n} contacts", total).format(n=total)
        if shown != total:
            text = _("{shown} of {total}").format(shown=shown, total=text)
        if overdue:
            text += " · " + ngettext(
                "{n} not verified recently", "{n} not verified recently", overdue
            ).format(n=overdue)
        self.count.setText(text)

    def _update_buttons(self) -> None:
        count = len(self.selected_entries())
        self.edit_button.setEnabled(count == 1)
        self.verify_button.setEnabled(count >= 1)
        self.delete_button.setEnabled(count >= 1)

    def selected_entries(self) -> list[ContactEntry]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [self.model.entry(self.proxy.mapToSource(index).row()) for index in rows]

    def select_ids(self, ids: set[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for contact_id in ids:
            row = self.model.row_of(contact_id)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    selection.select(index, flags)
                    self.table.scrollTo(index)

    def _show(self, dialog: QWidget) -> None:
        """Dialogs here never block the window: an incident may need logging meanwhile."""
        if hasattr(dialog, "setModal"):
            dialog.setModal(False)
        dialog.show()
        self.dialog = dialog

    def _error(self, title: str, error: BaseException) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, str(error), QMessageBox.StandardButton.Ok, self
        )
        self._show(box)

    # -- editing ------------------------------------------------------------------
    def _check_number(self, value: str) -> str | None:
        return self._services.contacts.check_number(value)

    def add_contact(self) -> ContactDialog:
        dialog = ContactDialog(self._check_number, None, self)
        dialog.accepted.connect(lambda: self._save(dialog, new=True))
        self._show(dialog)
        return dialog

    def edit_contact(self) -> ContactDialog | None:
        entries = self.selected_entries()
        if len(entries) != 1:
            return None
        dialog = ContactDialog(self._check_number, entries[0].contact, self)
        dialog.accepted.connect(lambda: self._save(dialog, new=False))
        self._show(dialog)
        return dialog

    def _save(self, dialog: ContactDialog, new: bool) -> None:
        try:
            contacts = self._services.contacts
            saved = contacts.add(dialog.contact()) if new else contacts.update(dialog.contact())
        except CrisisdeskError as exc:
            self._error(_("Contact not saved"), exc)
            return
        self.select_ids({saved.id})

    def verify_selected(self) -> None:
        ids = [e.contact.id for e in self.selected_entries()]
        if not ids:
            return
        try:
            self._services.contacts.verify_today(*ids)
        except CrisisdeskError as exc:
            self._error(_("Not saved"), exc)

    def delete_selected(self) -> QMessageBox | None:
        entries = self.selected_entries()
        if not entries:
            return None
        names = ", ".join(e.contact.name for e in entries[:5]) + ("…" if len(entries) > 5 else "")
        text = ngettext(
            "Delete {n} contact: {names}?", "Delete {n} contacts: {names}?", len(entries)
        ).format(n=len(entries), names=names)
        uses = sorted({u for e in entries for u in self._services.contacts.usage(e.contact.id)})
        if uses:
            text += "\n\n" + _(
                "They are used in: {uses}. They will be removed from there too."
            ).format(uses=", ".join(uses))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Delete contacts"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        ids = [e.contact.id for e in entries]

        def done(button: int) -> None:
            if button == QMessageBox.StandardButton.Yes:
                try:
                    for contact_id in ids:
                        self._services.contacts.delete(contact_id)
                except CrisisdeskError as exc:
                    self._error(_("Not deleted"), exc)

        box.finished.connect(done)
        self._show(box)
        return box

    # -- import and export --------------------------------------------------------
    def import_file(self, path: Path | None = None) -> Task | None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self,
                _("Import contacts"),
                str(Path.home()),
                _("Contacts files (*.vcf *.vcard *.csv);;All files (*)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        task = self.runner.run(
            _("Reading {file}").format(file=path.name),
            self._services.contacts.prepare_import(path),
        )
        self.progress.follow(task)
        task.finished.connect(self._show_import_preview)
        task.failed.connect(lambda error: self._error(_("Import refused"), error))
        self.task = task
        return task

    def _show_import_preview(self, preview: ImportPreview) -> None:
        dialog = ImportPreviewDialog(preview, self)
        dialog.accepted.connect(lambda: self._commit_import(preview))
        self._show(dialog)

    def _commit_import(self, preview: ImportPreview) -> Task | None:
        """Saved by a task with its own connection: 5,000 contacts take a second."""
        contacts = self._services.contacts
        try:
            save = contacts.prepare_commit(preview)
        except CrisisdeskError as exc:
            self._error(_("Import refused"), exc)
            return None
        task = self.runner.run(_("Importing contacts"), save)
        self.progress.follow(task)
        task.finished.connect(
            lambda saved: self.select_ids(
                {item.contact.id for item in contacts.import_saved(saved).to_add}
            )
        )
        task.failed.connect(lambda error: self._error(_("Import refused"), error))
        self.task = task
        return task

    def export_file(self, path: Path | None = None) -> Task | None:
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export contacts"),
                str(Path.home() / "contacts.vcf"),
                _("vCard (*.vcf);;CSV (*.csv)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        contacts = self._services.contacts
        everyone = contacts.all()
        task = self.runner.run(_("Exporting"), lambda progress: contacts.export(path, everyone))
        self.progress.follow(task)
        task.failed.connect(lambda error: self._error(_("Export failed"), error))
        self.task = task
        return task

    # -- printing -----------------------------------------------------------------
    def _paper(self) -> str:
        return str(self.paper_choice.currentData())

    def _make_pdf(self, then) -> Task:
        sheet_service = self._services.contact_sheet
        sheet = sheet_service.sheet()  # gathered here, on the GUI thread
        paper, layout = self._paper(), str(self.layout_choice.currentData())

        def build(progress) -> bytes:
            out = io.BytesIO()
            sheet_service.render(
                sheet, out, paper=paper, layout=layout, on_page=lambda n: progress(n, 0)
            )
            return out.getvalue()

        task = self.runner.run(_("Preparing the contact sheet"), build)
        self.progress.follow(task)
        task.finished.connect(then)
        task.failed.connect(lambda error: self._error(_("Cannot print"), error))
        self.task = task
        return task

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        pdf_print.prepare(printer, self._paper())
        self.printer = printer
        return printer

    def print_preview(self) -> Task:
        def show(pdf: bytes) -> None:
            dialog = QPrintPreviewDialog(self._printer(), self)
            dialog.setWindowTitle(_("Print preview — contact sheet"))
            dialog.paintRequested.connect(lambda printer: pdf_print.paint(printer, pdf))
            dialog.resize(1000, 700)
            self._show(dialog)

        return self._make_pdf(show)

    def print_sheet(self) -> Task:
        def ask(pdf: bytes) -> None:
            printer = self._printer()
            dialog = QPrintDialog(printer, self)
            dialog.accepted.connect(lambda: pdf_print.paint(printer, pdf))
            self._show(dialog)

        return self._make_pdf(ask)
