"""The main window: navigation on the left, the chosen area on the right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QWidget,
)

from crisisdesk import __version__
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _
from crisisdesk.services.changes import Changed
from crisisdesk.services.handbook import Services
from crisisdesk.ui import language
from crisisdesk.ui.backups import BackupController, BackupsDialog, BackupStatusLabel
from crisisdesk.ui.changes import ChangeBridge
from crisisdesk.ui.handbook_print import HandbookPrinter, written_message
from crisisdesk.ui.style import restyle
from crisisdesk.ui.tasks import TaskProgressBar, TaskRunner, ThreadTaskRunner

if TYPE_CHECKING:  # the dialogs' modules are imported when a dialog is first opened
    from crisisdesk.ui.deadline_rules import DeadlineRulesDialog
    from crisisdesk.ui.dialogs.signing import CreateKeyDialog, ExportLogDialog, VerifyDialog
    from crisisdesk.ui.shortcuts import ShortcutsDialog


@dataclass(frozen=True)
class Area:
    key: str
    title: Callable[[], str]
    icon: QStyle.StandardPixmap
    factory: Callable[[Services], QWidget]


def _view(module: str, name: str) -> Callable[[Services], QWidget]:
    """A view class imported when its area is first shown (keeps start-up short)."""

    def build(services: Services) -> QWidget:
        import importlib

        view_class = getattr(importlib.import_module(f"crisisdesk.ui.views.{module}"), name)
        return view_class(services)  # type: ignore[no-any-return]

    return build


AREAS: tuple[Area, ...] = (
    Area(
        "readiness",
        lambda: _("Readiness"),
        QStyle.StandardPixmap.SP_DialogApplyButton,
        _view("readiness", "ReadinessView"),
    ),
    Area(
        "plan",
        lambda: _("Plan"),
        QStyle.StandardPixmap.SP_FileDialogDetailedView,
        _view("plan", "PlanView"),
    ),
    Area(
        "contacts",
        lambda: _("Contacts"),
        QStyle.StandardPixmap.SP_DirHomeIcon,
        _view("contacts", "ContactsView"),
    ),
    Area(
        "team",
        lambda: _("Crisis team"),
        QStyle.StandardPixmap.SP_FileDialogListView,
        _view("team", "TeamView"),
    ),
    Area(
        "playbooks",
        lambda: _("Playbooks"),
        QStyle.StandardPixmap.SP_FileDialogContentsView,
        _view("playbooks", "PlaybooksView"),
    ),
    Area(
        "incidents",
        lambda: _("Incidents"),
        QStyle.StandardPixmap.SP_MessageBoxWarning,
        _view("incidents", "IncidentsView"),
    ),
)
AREA_KEYS = tuple(a.key for a in AREAS)


class _LazyViews(dict[str, QWidget]):
    """The window's views by area key, each built the first time it is asked for."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        if key not in AREA_KEYS:
            raise KeyError(key)
        view = self._build(key)
        self[key] = view
        return view


class MainWindow(QMainWindow):
    openRequested = Signal(str)  # path of another handbook to open
    newRequested = Signal(str)  # path of a new handbook to create
    restoreRequested = Signal(str)  # path of a backup to put in place of this handbook

    def __init__(
        self, services: Services, settings: QSettings, runner: TaskRunner | None = None
    ) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.runner = runner or ThreadTaskRunner()
        self.bridge = ChangeBridge(services.notifier, self)
        self.backups = BackupController(services, self.runner, self)
        self.setWindowTitle(self._title())
        self.setMinimumSize(720, 480)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Areas"))
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(_("Current area"))
        # Views are built when first shown (or asked for): building all six up front
        # (plan preview, playbook pages, contact list, ...) doubled the start-up time.
        self.views: dict[str, QWidget] = _LazyViews(self._build_view)
        style = self.style()
        for area in AREAS:
            item = QListWidgetItem(style.standardIcon(area.icon), area.title())
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # stands in until the view is built
        self.bridge.changed.connect(self._forward_change)
        self.nav.currentRowChanged.connect(self._activate)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.saved_label = QLabel()
        self.saved_label.setAccessibleName(_("Save status"))
        self.status_label = QLabel(self._status_text())
        self.status_label.setAccessibleName(_("Open handbook"))
        self.statusBar().addWidget(self.status_label, 1)
        self.backup_label = BackupStatusLabel(self.backups)
        if not self.backup_label.accessibleName():
            self.backup_label.setAccessibleName(_("Backup status"))
        self.statusBar().addPermanentWidget(self.backup_label)
        self.task_progress = TaskProgressBar()
        self.statusBar().addPermanentWidget(self.task_progress)
        self.printer = HandbookPrinter(services, self.runner, self.task_progress, self)
        self.printer.written.connect(
            lambda result: self.statusBar().showMessage(written_message(result), 15000)
        )
        self.statusBar().addPermanentWidget(self.saved_label)
        self.bridge.changed.connect(self._on_saved)
        self._build_menus()
        # A running incident reopens in its cockpit, as it was before the app closed.
        self.show_area("incidents" if services.incident_index.running() else "readiness")
        self._restore_geometry()

    # -- navigation ---------------------------------------------------------------
    def show_area(self, key: str) -> QWidget:
        index = AREA_KEYS.index(key)
        self.nav.setCurrentRow(index)
        return self.views[key]

    def _navigate(self, key: str) -> None:
        if key == "backups":
            self.show_backups()
        else:
            self.show_area(key)

    def current_area(self) -> str:
        return AREA_KEYS[self.stack.currentIndex()]

    def _build_view(self, key: str) -> QWidget:
        index = AREA_KEYS.index(key)
        area = AREAS[index]
        view = area.factory(self.services)
        view.setObjectName(f"view-{area.key}")
        view.setAccessibleName(area.title())
        navigate = getattr(view, "navigateRequested", None)
        if navigate is not None:  # a view may send the user to another area
            navigate.connect(self._navigate)
        current = self.stack.currentIndex()
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, view)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        return view

    def _activate(self, row: int) -> None:
        if 0 <= row < len(AREA_KEYS):
            self.views[AREA_KEYS[row]]  # build it on first use
            self.stack.setCurrentIndex(row)

    def _forward_change(self, change: Changed) -> None:
        for view in list(self.views.values()):  # only views already built
            handler = getattr(view, "on_changed", None)
            if handler is not None:
                handler(change)

    # -- menus --------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.new_action = self._action(
            _("&New handbook…"), self._ask_new, QKeySequence.StandardKey.New
        )
        self.open_action = self._action(
            _("&Open handbook…"), self._ask_open, QKeySequence.StandardKey.Open
        )
        self.quit_action = self._action(_("&Quit"), self.close, "Ctrl+Q")
        self.backups_action = self._action(_("&Backups…"), self.show_backups)
        self.print_handbook_action = self._action(
            _("&Print handbook (PDF)…"), self.printer.ask, QKeySequence.StandardKey.Print
        )
        file_menu.addActions([self.new_action, self.open_action])
        file_menu.addSeparator()
        file_menu.addAction(self.print_handbook_action)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        self.verify_action = self._action(_("&Verify signed log…"), self.show_verify)
        self.create_key_action = self._action(_("Create &signing key…"), self.show_create_key)
        file_menu.addActions([self.verify_action, self.create_key_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu

        edit_menu = bar.addMenu(_("&Edit"))
        for text, key, method in (
            (_("Cu&t"), QKeySequence.StandardKey.Cut, "cut"),
            (_("&Copy"), QKeySequence.StandardKey.Copy, "copy"),
            (_("&Paste"), QKeySequence.StandardKey.Paste, "paste"),
            (_("Select &all"), QKeySequence.StandardKey.SelectAll, "selectAll"),
        ):
            edit_menu.addAction(self._action(text, self._edit_slot(method), key))
        self.edit_menu = edit_menu

        view_menu = bar.addMenu(_("&View"))
        for number, area in enumerate(AREAS, start=1):
            view_menu.addAction(
                self._action(
                    area.title(),
                    lambda _checked=False, k=area.key: self.show_area(k),
                    f"Ctrl+{number}",
                )
            )
        view_menu.addSeparator()
        self.large_text_action = self._action(
            _("&Large text"), self._toggle_large_text, "Ctrl+Shift+L"
        )
        self.large_text_action.setCheckable(True)
        self.large_text_action.setChecked(
            bool(self.settings.value("view/large_text", False, type=bool))
        )
        view_menu.addAction(self.large_text_action)
        self.high_contrast_action = self._action(
            _("&High contrast"), self._toggle_high_contrast, "Ctrl+Shift+H"
        )
        self.high_contrast_action.setCheckable(True)
        self.high_contrast_action.setChecked(
            bool(self.settings.value("view/high_contrast", False, type=bool))
        )
        view_menu.addAction(self.high_contrast_action)
        view_menu.addSeparator()
        self.language_menu = self._build_language_menu(view_menu)
        self.view_menu = view_menu

        incident_menu = bar.addMenu(_("&Incident"))
        self.start_incident_action = self._action(_("&Start incident…"), self._start_incident, "F2")
        self.log_entry_action = self._action(_("&Log entry"), self._focus_log_entry, "Ctrl+L")
        # Reachable from anywhere in the window, whatever has the focus.
        for action in (self.start_incident_action, self.log_entry_action):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        incident_menu.addActions([self.start_incident_action, self.log_entry_action])
        incident_menu.addSeparator()
        self.export_log_action = self._action(_("&Export incident log…"), self.show_export_log)
        self.checkpoint_action = self._action(_("Show &checkpoint code…"), self.show_checkpoint)
        incident_menu.addActions([self.export_log_action, self.checkpoint_action])
        incident_menu.addSeparator()
        self.deadlines_action = self._action(
            _("Notification &deadlines…"), self.show_deadline_rules
        )
        incident_menu.addAction(self.deadlines_action)
        self.incident_menu = incident_menu

        help_menu = bar.addMenu(_("&Help"))
        self.shortcuts_action = self._action(
            _("&Keyboard shortcuts…"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents
        )
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        self.about_action = self._action(_("&About crisisdesk"), self.show_about)
        help_menu.addAction(self.about_action)
        help_menu.addAction(self._action(_("About &Qt"), QApplication.aboutQt))
        self.help_menu = help_menu

    def _build_language_menu(self, parent: QMenu) -> QMenu:
        """View > Language: Automatic / English / Nederlands, applied at the next start."""
        menu = parent.addMenu(_("Lan&guage"))
        group = QActionGroup(self)
        current = str(self.settings.value(language.SETTING, "auto"))
        self.language_actions: dict[str, QAction] = {}
        for value, label in language.CHOICES:
            action = QAction(label(), self)
            action.setCheckable(True)
            action.setChecked(value == current)
            action.setData(value)
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[value] = action
        group.triggered.connect(self._choose_language)
        menu.addSeparator()
        note = menu.addAction(_("Takes effect when crisisdesk is started again"))
        note.setEnabled(False)
        return menu

    def _choose_language(self, action: QAction) -> None:
        self.settings.setValue(language.SETTING, action.data())
        self.settings.sync()
        self.statusBar().showMessage(
            _(
                "Language set to {language}; it takes effect when crisisdesk is started again."
            ).format(language=action.text()),
            15000,
        )

    def _start_incident(self) -> None:
        view = self.show_area("incidents")
        view.start_incident()  # type: ignore[attr-defined]

    def _focus_log_entry(self) -> None:
        view = self.views["incidents"]
        if view.focus_log_entry():  # type: ignore[attr-defined]
            self.show_area("incidents")
            view.focus_log_entry()  # type: ignore[attr-defined]
        else:
            self.statusBar().showMessage(_("No incident running: F2 starts one"), 5000)

    @staticmethod
    def _edit_slot(method: str) -> Callable[[], None]:
        def slot() -> None:
            widget = QApplication.focusWidget()
            if widget is not None and hasattr(widget, method):
                getattr(widget, method)()

        return slot

    def _toggle_large_text(self) -> None:
        self.settings.setValue("view/large_text", self.large_text_action.isChecked())
        app = QApplication.instance()
        if app is not None:
            from crisisdesk.ui.theme import apply_text_size

            apply_text_size(app, self.large_text_action.isChecked())

    def _toggle_high_contrast(self) -> None:
        self.settings.setValue("view/high_contrast", self.high_contrast_action.isChecked())
        app = QApplication.instance()
        if app is not None:
            from crisisdesk.ui.theme import apply_contrast

            apply_contrast(app, self.high_contrast_action.isChecked())

    def show_shortcuts(self) -> ShortcutsDialog:
        from crisisdesk.ui.shortcuts import ShortcutsDialog

        for key in AREA_KEYS:  # every view's shortcuts are listed, built or not yet
            self.views[key]
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_about(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("About crisisdesk"),
            _(
                "crisisdesk {version}\n\nAn offline IT-crisis handbook: crisis plan, "
                "contact tree, playbooks and a signed incident log that work "
                "without network."
            ).format(version=__version__),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setModal(False)
        box.show()
        return box

    def show_backups(self, confirm=None) -> BackupsDialog:  # type: ignore[no-untyped-def]
        """File > Backups…: not modal, so logging is never blocked by it."""
        kwargs = {"confirm": confirm} if confirm is not None else {}
        dialog = BackupsDialog(self.services, self.backups, self, **kwargs)
        dialog.restoreRequested.connect(self.restoreRequested)
        dialog.setModal(False)
        dialog.show()
        self.backups_dialog = dialog
        return dialog

    def show_deadline_rules(self) -> DeadlineRulesDialog:
        """Incident > Notification deadlines…: the legal ones, and adding one's own."""
        from crisisdesk.ui.deadline_rules import DeadlineRulesDialog

        dialog = getattr(self, "deadlines_dialog", None)
        if dialog is None:  # one dialog, kept: shown again where it was
            dialog = DeadlineRulesDialog(self.services, self)
            self.bridge.changed.connect(dialog.on_changed)
            dialog.setModal(False)
            self.deadlines_dialog = dialog
        dialog.refresh()
        dialog.show()
        dialog.activateWindow()
        return dialog

    def show_verify(self) -> VerifyDialog:
        """File > Verify signed log…: not modal, so logging is never blocked by it."""
        from crisisdesk.ui.dialogs.signing import VerifyDialog

        dialog = VerifyDialog(self.runner, self)
        dialog.setModal(False)
        dialog.show()
        self.verify_dialog = dialog
        return dialog

    def show_create_key(self) -> CreateKeyDialog:
        from crisisdesk.ui.dialogs.signing import CreateKeyDialog

        dialog = CreateKeyDialog(self.runner, self.services.path.parent, self)
        dialog.show()
        self.create_key_dialog = dialog
        return dialog

    def show_export_log(self) -> ExportLogDialog | None:
        """Incident > Export incident log…: the running incident, else the latest one."""
        from crisisdesk.ui.dialogs.signing import ExportLogDialog

        chosen = self._chosen_incident()
        if chosen is None:
            return None
        dialog = ExportLogDialog(self.services, self.runner, chosen.id, self)
        dialog.setModal(False)
        dialog.show()
        self.export_dialog = dialog
        return dialog

    def _chosen_incident(self):  # type: ignore[no-untyped-def]
        """The running incident, else the latest one, else None (with a status message)."""
        incidents = self.services.incidents.all()
        chosen = self.services.incidents.running() or (incidents[0] if incidents else None)
        if chosen is None:
            self.statusBar().showMessage(_("There is no incident yet"), 5000)
        return chosen

    def show_checkpoint(self) -> QMessageBox | None:
        """Incident > Show checkpoint code…: for a witness to note; showing it is logged."""
        chosen = self._chosen_incident()
        if chosen is None:
            return None
        try:
            code = self.services.signing.show_checkpoint(chosen.id)
        except CrisisdeskError as exc:
            QMessageBox.warning(self, _("Checkpoint code"), str(exc))
            return None
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Checkpoint code"),
            _(
                "<p>Checkpoint code of <b>{title}</b>:</p><p style='font-size:20pt; "
                "font-family:monospace'>{code}</p><p>Read it out to a witness or write it on "
                "the paper log. Later, <i>verify</i> and <i>check</i> confirm that the log "
                "still holds exactly these events.</p>"
            ).format(title=chosen.title, code=code),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setModal(False)
        box.show()
        self.checkpoint_box = box
        return box

    def _ask_open(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open handbook"),
            str(self.services.path.parent),
            _("crisisdesk handbooks (*.db *.sqlite);;All files (*)"),
        )
        if path:
            self.openRequested.emit(path)

    def _ask_new(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("New handbook"),
            str(self.services.path.parent / "handbook.db"),
            _("crisisdesk handbooks (*.db)"),
        )
        if path:
            self.newRequested.emit(path)

    # -- status -------------------------------------------------------------------
    def _title(self) -> str:
        org = self.services.settings.get("organisation.name")
        return f"{org} — crisisdesk" if org else "crisisdesk"

    def _status_text(self) -> str:
        org = self.services.settings.get("organisation.name") or _("(organisation not set)")
        version = self.services.settings.get("plan.version")
        return _("Handbook: {org} · plan v{version} · {path}").format(
            org=org, version=version, path=self.services.path
        )

    def _on_saved(self, change: Changed) -> None:
        stamp = self.services.ctx.clock.now().astimezone().strftime("%H:%M:%S")
        self.saved_label.setText(_("saved {time} ✓").format(time=stamp))

    def _save_pending_views(self) -> bool:
        """Let views save what the user typed; True when the window may close."""
        failed = [
            key
            for key, view in self.views.items()
            if hasattr(view, "save_pending") and not view.save_pending()
        ]
        if not failed:
            return True
        self.show_area(failed[0])
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _(
                "Some changes could not be saved (the reason is shown in red). "
                "Close anyway and lose them?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- geometry -----------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # The system theme switched, or high contrast went on or off: status colours
            # everywhere (dialogs too) are picked again for the new palette.
            restyle(QApplication.allWidgets())

    def closeEvent(self, event) -> None:
        if not self._save_pending_views():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.backups.stop()
        self.bridge.detach()
        super().closeEvent(event)
