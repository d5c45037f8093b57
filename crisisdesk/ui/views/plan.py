"""The crisis plan: sections on the left, a markdown editor with a live preview, and the
plan's details (owner, version, reviews, home country).

Saving is explicit (Ctrl+S) and also happens when another section is chosen and when the
window closes, so typed text is never lost. Nothing here is saved behind the user's back
while they type: the status line says whether the text on screen is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _, format_date
from crisisdesk.domain.readiness import Status
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services
from crisisdesk.services.plan import MAX_INTERVAL_DAYS, PlanMetadata, is_standard
from crisisdesk.ui.language import date_edit_format
from crisisdesk.ui.richtext import MarkdownPreview
from crisisdesk.ui.style import TEXT, style_status
from crisisdesk.ui.widgets import DateEdit, EmptyState, Feedback, Heading, text_box

NEVER = QDate(2000, 1, 1)  # the date edit's minimum, shown as "never reviewed"
PREVIEW_DELAY_MS = 150


def country_name(code: str) -> str:
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyCountry:
        return code
    return QLocale.territoryToString(territory)


class PlanDetails(QGroupBox):
    """Owner, version, review dates and intervals, home country, organisation."""

    saved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(_("Plan details"), parent)
        self._services = services
        self._loaded: dict[str, object] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.organisation = QLineEdit()
        self.owner = QLineEdit()
        self.version = QLineEdit()
        self.last_reviewed = DateEdit()
        self.last_reviewed.setCalendarPopup(True)
        self.last_reviewed.setDisplayFormat(date_edit_format())
        self.last_reviewed.setMinimumDate(NEVER)
        self.last_reviewed.setSpecialValueText(_("never"))
        self.reviewed_today = QPushButton(_("Reviewed today"))
        self.reviewed_today.setToolTip(_("Record that the plan was reviewed today"))
        self.review_interval = self._days_box()
        self.verify_interval = self._days_box()
        self.country = QComboBox()
        # Long country names must not widen the whole column.
        self.country.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.country.setMinimumContentsLength(16)
        for code, calling in sorted(
            services.plan.countries(), key=lambda c: country_name(c[0]).lower()
        ):
            self.country.addItem(f"{country_name(code)} ({code}, +{calling})", code)
        self.next_review = QLabel()
        self.message = Feedback()
        self.save_button = QPushButton(_("Save details"))
        form.addRow(_("Organisation"), self.organisation)
        form.addRow(_("Plan owner"), self.owner)
        form.addRow(_("Version"), self.version)
        form.addRow(_("Last review"), self.last_reviewed)
        form.addRow("", self.reviewed_today)
        form.addRow(_("Review every"), self.review_interval)
        form.addRow(_("Next review"), self.next_review)
        form.addRow(_("Verify contacts every"), self.verify_interval)
        form.addRow(_("Home country"), self.country)
        form.addRow(self.message)
        form.addRow(self.save_button)
        for edit in (self.organisation, self.owner, self.version):
            edit.textEdited.connect(self._update_state)
            edit.returnPressed.connect(self.save)
        self.last_reviewed.dateChanged.connect(self._update_state)
        self.review_interval.valueChanged.connect(self._update_state)
        self.verify_interval.valueChanged.connect(self._update_state)
        self.country.currentIndexChanged.connect(self._update_state)
        self.save_button.clicked.connect(self.save)
        self.reviewed_today.clicked.connect(self.mark_reviewed_today)
        self.load()

    @staticmethod
    def _days_box() -> QSpinBox:
        box = QSpinBox()
        box.setRange(1, MAX_INTERVAL_DAYS)
        box.setSuffix(" " + _("days"))
        return box

    def load(self) -> None:
        meta = self._services.plan.metadata()
        widgets = (
            self.organisation,
            self.owner,
            self.version,
            self.last_reviewed,
            self.review_interval,
            self.verify_interval,
            self.country,
        )
        for w in widgets:
            w.blockSignals(True)
        self.organisation.setText(meta.organisation)
        self.owner.setText(meta.owner)
        self.version.setText(meta.version)
        if meta.last_reviewed:
            self.last_reviewed.setDate(QDate(meta.last_reviewed))
        else:
            self.last_reviewed.setDate(NEVER)
        self.last_reviewed.setMaximumDate(QDate(self._services.plan.today()))
        self.review_interval.setValue(meta.review_interval_days)
        self.verify_interval.setValue(meta.verify_interval_days)
        index = self.country.findData(meta.country)
        self.country.setCurrentIndex(max(index, 0))
        for w in widgets:
            w.blockSignals(False)
        self._loaded = self.values()
        self._show_next_review(meta)
        self._update_state()

    def values(self) -> dict[str, object]:
        date = self.last_reviewed.date()
        return {
            "organisation": self.organisation.text(),
            "owner": self.owner.text(),
            "version": self.version.text(),
            "last_reviewed": "" if date == NEVER else date.toString("yyyy-MM-dd"),
            "review_interval_days": self.review_interval.value(),
            "verify_interval_days": self.verify_interval.value(),
            "country": self.country.currentData(),
        }

    def is_dirty(self) -> bool:
        return self.values() != self._loaded

    def _update_state(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        if dirty:
            self.message.say(_("Unsaved changes: Enter or “Save details” saves them."), Status.WARN)
        elif self.message.status == Status.WARN:
            self.message.say("", Status.INFO)

    def _show_next_review(self, meta: PlanMetadata) -> None:
        if meta.next_review is None:
            self.next_review.setText(_("now: the plan has never been reviewed"))
            status = Status.BAD
        else:
            overdue = meta.next_review < self._services.plan.today()
            text = format_date(meta.next_review)
            self.next_review.setText(_("{date} — overdue").format(date=text) if overdue else text)
            status = Status.BAD if overdue else Status.OK
        style_status(self.next_review, status)

    def save(self) -> bool:
        """Save what changed; on a refused value say why and keep what was typed."""
        changed = {k: v for k, v in self.values().items() if self._loaded.get(k) != v}
        if not changed:
            return True
        try:
            self._services.plan.update_metadata(**changed)
        except CrisisdeskError as exc:
            self.message.say(str(exc), Status.BAD)
            return False
        self.load()
        self.message.say(_("Details saved."), Status.OK)
        self.saved.emit()
        return True

    def mark_reviewed_today(self) -> None:
        try:
            self._services.plan.mark_reviewed_today()
        except CrisisdeskError as exc:
            self.message.say(str(exc), Status.BAD)
            return
        # keep anything else typed but not yet saved
        pending = {k: v for k, v in self.values().items() if k != "last_reviewed"}
        self.load()
        self._restore(pending)
        self.message.say(_("Review recorded for today."), Status.OK)

    def _restore(self, pending: dict[str, object]) -> None:
        self.organisation.setText(str(pending["organisation"]))
        self.owner.setText(str(pending["owner"]))
        self.version.setText(str(pending["version"]))
        self.review_interval.setValue(int(pending["review_interval_days"]))  # type: ignore[call-overload]
        self.verify_interval.setValue(int(pending["verify_interval_days"]))  # type: ignore[call-overload]
        self.country.setCurrentIndex(max(self.country.findData(pending["country"]), 0))
        self._update_state()

    def refresh(self) -> None:
        """Show what is stored, unless the user is in the middle of editing."""
        if not self.is_dirty():
            self.load()


class SectionEditor(QWidget):
    """One section: its title, the markdown source and the rendered preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLineEdit()
        self.title.setAccessibleName(_("Section title"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        layout.addLayout(top)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.source = text_box()
        self.source.setAccessibleName(_("Section text (markdown)"))
        self.source.setPlaceholderText(
            _("Write this section in markdown: **bold**, - lists, | tables |, # headings.")
        )
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        mono.setPointSizeF(self.source.font().pointSizeF())
        self.source.setFont(mono)
        self.preview = MarkdownPreview()
        self.preview.setAccessibleName(_("Preview"))
        self.splitter.addWidget(self.source)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([500, 500])
        layout.addWidget(self.splitter, 1)


class PlanView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._current: str | None = None  # key of the section in the editor
        self._loaded_body = ""  # the stored text of that section

        outer = QVBoxLayout(self)
        outer.addWidget(Heading(_("Crisis plan")))
        body = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(body, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Sections")))
        self.sections = QListWidget()
        self.sections.setAccessibleName(_("Plan sections"))
        self.sections.setSpacing(2)
        left_layout.addWidget(self.sections, 1)
        buttons = QHBoxLayout()
        style = self.style()
        self.add_button = QPushButton(_("Add"))
        self.add_button.setToolTip(_("Add a section of your own after the selected one"))
        self.up_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp), "")
        self.up_button.setToolTip(_("Move the section up"))
        self.up_button.setAccessibleName(_("Move section up"))
        self.down_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown), "")
        self.down_button.setToolTip(_("Move the section down"))
        self.down_button.setAccessibleName(_("Move section down"))
        self.remove_button = QPushButton(_("Remove"))
        for b in (self.add_button, self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(b)
        left_layout.addLayout(buttons)
        self.details = PlanDetails(services)
        left_layout.addWidget(self.details)
        body.addWidget(left)

        self.right = QStackedWidget()
        self.empty = EmptyState(
            _("No plan sections yet"),
            _(
                "Write the crisis plan: scope, activation criteria, the crisis team and its "
                "responsibilities, escalation, communication, recovery priorities, "
                "monitoring and training."
            ),
            _("Start with the standard sections"),
        )
        self.editor = SectionEditor()
        self.right.addWidget(self.empty)
        self.right.addWidget(self.editor)
        body.addWidget(self.right)
        body.setStretchFactor(1, 1)
        body.setSizes([330, 830])

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self._render_preview)

        self.sections.currentItemChanged.connect(self._on_section_chosen)
        self.editor.source.textChanged.connect(self._on_text_changed)
        self.editor.title.editingFinished.connect(self._save_title)
        self.add_button.clicked.connect(self.add_section)
        self.up_button.clicked.connect(lambda: self.move_section(-1))
        self.down_button.clicked.connect(lambda: self.move_section(1))
        self.remove_button.clicked.connect(self.remove_section)
        self.empty.actionTriggered.connect(self._create_standard)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self.save_all)

        self.refresh()

    # -- state --------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self._current is not None and self.editor.source.toPlainText() != self._loaded_body

    def has_unsaved(self) -> bool:
        return self.is_dirty() or self.details.is_dirty()

    def current_key(self) -> str | None:
        return self._current

    # -- loading ------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the section list; the text being edited is kept as it is."""
        sections = self._services.plan.sections()
        keys = [s.key for s in sections]
        self.sections.blockSignals(True)
        shown = [
            self.sections.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.sections.count())
        ]
        if shown != keys:  # rebuild only when sections came, went or moved
            self.sections.clear()
            for s in sections:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, s.key)
                self.sections.addItem(item)
        for row, s in enumerate(sections):
            item = self.sections.item(row)
            empty = not s.body.strip()
            item.setText(_("{title} (empty)").format(title=s.title) if empty else s.title)
            item.setForeground(self.palette().placeholderText() if empty else self.palette().text())
        self.sections.blockSignals(False)
        if not sections:
            self._current = None
            self.right.setCurrentWidget(self.empty)
        else:
            self.right.setCurrentWidget(self.editor)
            if self._current not in keys:
                self._load(keys[0])
            elif not self.editor.title.isModified():  # a title being typed is kept
                self.editor.title.setText(sections[keys.index(self._current)].title)
        self._sync_selection()

    def _sync_selection(self) -> None:
        """The highlighted section is the one in the editor."""
        self.sections.blockSignals(True)
        for row in range(self.sections.count()):
            if self.sections.item(row).data(Qt.ItemDataRole.UserRole) == self._current:
                self.sections.setCurrentRow(row)
        self.sections.blockSignals(False)
        self._update_buttons()

    def _load(self, key: str) -> None:
        section = self._services.plan.section(key)
        self._current = key
        self._loaded_body = section.body
        self.editor.title.setText(section.title)
        self.editor.source.blockSignals(True)
        self.editor.source.setPlainText(section.body)
        self.editor.source.blockSignals(False)
        self._render_preview()
        self._show_status()
        self._update_buttons()

    def _on_section_chosen(
        self, item: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        if key == self._current:
            return
        if self.save_section():
            self._load(key)
        # else: could not save; stay on the section so the text is not lost
        self._sync_selection()

    def _create_standard(self) -> None:
        self._services.plan.create_standard_sections()

    # -- editing ------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        self.preview_timer.start()
        self._show_status()

    def _render_preview(self) -> None:
        self.editor.preview.show_markdown(self.editor.source.toPlainText())

    def _show_status(self, note: str = "") -> None:
        if self.is_dirty():
            text, status = _("● Not saved yet — Ctrl+S saves"), Status.WARN
        else:
            text, status = note or _("✓ Saved"), Status.OK
        self.editor.status.setText(text)
        style_status(self.editor.status, status)

    def _error(self, exc: Exception) -> None:
        self.editor.status.setText(str(exc))
        style_status(self.editor.status, Status.BAD, TEXT)

    def save_section(self) -> bool:
        """Save the text in the editor; False (text kept) when it could not be saved."""
        if not self.is_dirty() or self._current is None:
            return True
        text = self.editor.source.toPlainText()
        try:
            self._services.plan.save_section(self._current, text)
        except CrisisdeskError as exc:
            self._error(exc)
            return False
        self._loaded_body = text
        stamp = self._services.ctx.clock.now().astimezone().strftime("%H:%M")
        self._show_status(_("✓ Saved {time}").format(time=stamp))
        return True

    def save_all(self) -> bool:
        ok = self._save_title()
        ok = self.save_section() and ok
        if self.details.is_dirty():
            ok = self.details.save() and ok
        return ok

    def save_pending(self) -> bool:
        """Called before the window closes: save what is typed; False when something
        could not be saved (the window then asks before closing)."""
        return self.save_all()

    def _save_title(self) -> bool:
        if self._current is None:
            return True
        title = self.editor.title.text().strip()
        if title == self._services.plan.section(self._current).title:
            self.editor.title.setModified(False)
            return True
        try:
            self._services.plan.rename_section(self._current, title)
        except CrisisdeskError as exc:
            self._error(exc)
            return False
        self.editor.title.setModified(False)
        return True

    def add_section(self) -> None:
        if not self.save_section():
            return
        section = self._services.plan.add_section(_("New section"), after=self._current)
        self._select(section.key)
        self.editor.title.setFocus()
        self.editor.title.selectAll()

    def _select(self, key: str) -> None:
        for row in range(self.sections.count()):
            if self.sections.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sections.setCurrentRow(row)
                return

    def move_section(self, delta: int) -> None:
        if self._current is not None:
            self._services.plan.move_section(self._current, delta)

    def remove_section(self) -> None:
        key = self._current
        if key is None or is_standard(key):
            return
        section = self._services.plan.section(key)
        answer = QMessageBox.question(
            self,
            _("Remove section"),
            _("Remove the section “{title}” and its text from the plan?").format(
                title=section.title
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._loaded_body = self.editor.source.toPlainText()  # nothing left to save
        self._current = None
        self._services.plan.remove_section(key)

    def _update_buttons(self) -> None:
        row = self.sections.currentRow()
        has = self._current is not None
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.sections.count() - 1)
        standard = has and is_standard(self._current or "")
        self.remove_button.setEnabled(has and not standard)
        self.remove_button.setToolTip(
            _("Standard sections cannot be removed; leave them empty if they do not apply")
            if standard
            else _("Remove this section")
        )

    # -- notifications --------------------------------------------------------------
    def on_changed(self, change: Changed) -> None:
        if change.touches(Area.PLAN):
            self.refresh()
        if change.touches(Area.PLAN, Area.SETTINGS):
            self.details.refresh()
