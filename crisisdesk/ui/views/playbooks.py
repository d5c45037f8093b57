"""Playbooks: the built-in and own playbooks, one rendered, and adding one from a file."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.clock import parse_iso
from crisisdesk.domain.errors import CrisisdeskError, InvalidInput
from crisisdesk.domain.i18n import _, format_datetime
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services
from crisisdesk.ui.playbook_html import playbook_html
from crisisdesk.ui.playbook_model import LANGUAGE_NAMES, PlaybooksModel
from crisisdesk.ui.problems_dialog import ProblemsDialog
from crisisdesk.ui.widgets import EmptyState, Heading, table_view


class PlaybooksView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        # Asks the user for a file; replaced in tests (no native dialog offscreen).
        self.choose_file: Callable[[], str] = self._ask_file
        self.problems_dialog: ProblemsDialog | None = None
        self.error_box: QMessageBox | None = None

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(Heading(_("Playbooks")))
        top.addStretch(1)
        top.addWidget(QLabel(_("Show:")))
        self.language_filter = QComboBox()
        self.language_filter.addItem(_("All languages"), "")
        for code, name in LANGUAGE_NAMES.items():
            self.language_filter.addItem(name, code)
        self.language_filter.setAccessibleName(_("Language filter"))
        top.addWidget(self.language_filter)
        self.add_button = QPushButton(_("Add or replace from file…"))
        self.add_button.setToolTip(
            _("Add your own playbook, or a new version of one, from a markdown file")
        )
        self.add_button.clicked.connect(self._on_add_clicked)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.model = PlaybooksModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(PlaybooksModel.LanguageRole)
        self.table = table_view()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PlaybooksModel.TITLE, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PlaybooksModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.setAccessibleName(_("Playbooks"))
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.language_filter.currentIndexChanged.connect(self._apply_filter)

        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)  # offline: links are text, never opened
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(_("Playbook"))

        # Under the list: every version of the selected playbook (all are kept).
        self.versions = QLabel()
        self.versions.setWordWrap(True)
        self.versions.setTextFormat(Qt.TextFormat.RichText)
        self.versions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.versions.setAccessibleName(_("Versions of this playbook"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(self.versions, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([600, 570])

        self.empty = EmptyState(
            _("No playbooks yet"),
            _(
                "Playbooks guide you through each phase of a crisis. Add your organisation's own playbook from a markdown file."
            ),
            _("Add from file…"),
        )
        self.empty.actionTriggered.connect(self._on_add_clicked)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(splitter)
        layout.addWidget(self.pages, 1)
        # Start with the playbooks in the handbook's content language; "All languages"
        # shows the translations too.
        start = self.language_filter.findData(services.playbooks.content_language())
        self.language_filter.setCurrentIndex(max(start, 0))
        self.refresh()

    # -- data ---------------------------------------------------------------------------
    def refresh(self, select: tuple[str, str] | None = None) -> None:
        keep = select or self.current_key()
        self.model.set_versions(self._services.playbooks.entries())
        has_rows = self.model.rowCount() > 0
        self.pages.setCurrentIndex(1 if has_rows else 0)
        if not has_rows:
            self.browser.clear()
            return
        if keep is not None and self.select(keep):
            return
        self.table.selectRow(0)
        self._show_current()

    def current_key(self) -> tuple[str, str] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, PlaybooksModel.KeyRole)

    def select(self, key: tuple[str, str]) -> bool:
        row = self.model.row_of(key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._show_current()
        return True

    def _apply_filter(self) -> None:
        code = self.language_filter.currentData()
        self.proxy.setFilterRegularExpression(f"^{code}$" if code else "")
        # One language shown: its column says nothing and the titles need the room.
        self.table.setColumnHidden(PlaybooksModel.LANGUAGE, bool(code))
        if not self.table.currentIndex().isValid() and self.proxy.rowCount() > 0:
            self.table.selectRow(0)
        self._show_current()

    def _render_page(self) -> None:
        """The shown playbook as a page, in the current palette's colours."""
        version = getattr(self, "_page", None)
        if version is not None and self.table.currentIndex().isValid():
            self.browser.setHtml(playbook_html(version.playbook, builtin=version.builtin))

    def _show_current(self, *args: object) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.browser.clear()
            self.versions.clear()
            return
        version = self.model.version_at(self.proxy.mapToSource(index).row())
        self._page = version
        self._render_page()
        pb = version.playbook
        lines = []
        for old in reversed(self._services.playbooks.history(pb.id, pb.language)):
            if old.builtin:
                where = _("built into crisisdesk")
            else:
                added = parse_iso(old.added_at).astimezone() if old.added_at else None
                where = _("added {when} from {file}").format(
                    when=format_datetime(added) if added else "?", file=old.filename
                )
            label = _("version {v}").format(v=old.playbook.version)
            if old == version:
                label += _(" (in use)")
            lines.append(f"<li>{html.escape(label)} — {html.escape(where)}</li>")
        heading = html.escape(_("Versions of this playbook"))
        self.versions.setText(f"<b>{heading}</b><ul>{''.join(lines)}</ul>")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the page's colours follow the theme
            self._render_page()

    def on_changed(self, change: Changed) -> None:
        if change.touches(Area.PLAYBOOKS, Area.SETTINGS, Area.ROLES):
            self.refresh()

    # -- adding -------------------------------------------------------------------------
    def _ask_file(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Add playbook from file"), "", _("Markdown playbooks (*.md);;All files (*)")
        )
        return path

    def _on_add_clicked(self) -> None:
        path = self.choose_file()
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> bool:
        """Validate and store a playbook file; on problems show them all, store nothing."""
        try:
            playbook = self._services.playbooks.add(path)
        except InvalidInput as exc:
            self.problems_dialog = ProblemsDialog(
                path.name,
                exc.problems,
                _("{file} was not added: nothing was changed.").format(file=path.name),
                self,
            )
            self.problems_dialog.open()
            return False
        except CrisisdeskError as exc:
            self.error_box = QMessageBox(
                QMessageBox.Icon.Warning,
                _("Playbook not added"),
                str(exc),
                QMessageBox.StandardButton.Ok,
                self,
            )
            self.error_box.open()
            return False
        stamp = self._services.ctx.clock.now().astimezone().strftime("%H:%M")
        self.status.setText(
            _(
                "{time} — added {title} ({language}), version {version}: it now replaces earlier versions."
            ).format(
                time=stamp,
                title=playbook.title,
                language=playbook.language,
                version=playbook.version,
            )
        )
        self.refresh(select=(playbook.id, playbook.language))
        return True
