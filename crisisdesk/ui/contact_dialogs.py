"""Dialogs of the Contacts view: editing one contact, previewing an import."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.contacts import Channel, ChannelKind, Contact
from crisisdesk.domain.i18n import _, ngettext
from crisisdesk.domain.labels import channel_kind_label
from crisisdesk.domain.readiness import Status
from crisisdesk.services.contacts import ImportPreview
from crisisdesk.ui.style import TEXT, style_status
from crisisdesk.ui.widgets import tab_before, text_box


class ChannelRow:
    """The widgets of one channel: kind, value, label, a remove button and a note
    saying how a phone number will be read."""

    def __init__(self, check: Callable[[str], str | None]) -> None:
        self._check = check
        self.kind = QComboBox()
        for key in ChannelKind.ALL:
            self.kind.addItem(channel_kind_label(key), key)
        self.kind.setAccessibleName(_("Channel kind"))
        self.value = QLineEdit()
        self.value.setPlaceholderText(_("number or address"))
        self.value.setAccessibleName(_("Number or address"))
        self.value.setMinimumWidth(220)
        self.label = QLineEdit()
        self.label.setPlaceholderText(_("label, e.g. work"))
        self.label.setAccessibleName(_("Label"))
        self.label.setMaximumWidth(120)
        self.remove = QPushButton(_("Remove"))
        self.note = QLabel()
        self.value.textChanged.connect(self.update_note)
        self.kind.currentIndexChanged.connect(self.update_note)

    def widgets(self) -> list[QWidget]:
        return [self.kind, self.value, self.label, self.remove, self.note]

    def set(self, channel: Channel) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(channel.kind)))
        self.value.setText(channel.value)
        self.label.setText(channel.label)
        self.update_note()

    def channel(self) -> Channel:
        return Channel(
            kind=self.kind.currentData(), value=self.value.text(), label=self.label.text()
        )

    def update_note(self) -> None:
        text = self.value.text().strip()
        if self.kind.currentData() not in ChannelKind.PHONES or not text:
            self.note.setText("")
            return
        shown = self._check(text)
        if shown is None:
            self.note.setText("⚠ " + _("not a valid number: kept as typed"))
            style_status(self.note, Status.BAD, TEXT)
        else:
            self.note.setText("✓ " + shown)
            style_status(self.note, Status.OK, TEXT)


class ContactDialog(QDialog):
    """Add or edit a contact. ``contact()`` gives the result; the view saves it."""

    def __init__(
        self,
        check_number: Callable[[str], str | None],
        contact: Contact | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit contact") if contact else _("New contact"))
        self._original = contact
        self._check = check_number
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItem(_("Person"), "person")
        self.kind.addItem(_("Organisation"), "organisation")
        self.organisation = QLineEdit()
        self.job_title = QLineEdit()
        self.internal = QCheckBox(_("Internal (our own organisation)"))
        self.internal.setChecked(True)
        self.labels = QLineEdit()
        self.labels.setPlaceholderText(_("comma-separated, e.g. IT, supplier"))
        self.availability = QLineEdit()
        self.availability.setPlaceholderText(_("e.g. 24/7, office hours, not on Fridays"))
        self.notes = text_box()
        self.notes.setMaximumHeight(70)
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("&Organisation"), self.organisation)
        form.addRow(_("&Function"), self.job_title)
        form.addRow("", self.internal)
        form.addRow(_("&Labels"), self.labels)
        form.addRow(_("&Availability"), self.availability)
        form.addRow(_("No&tes"), self.notes)
        layout.addLayout(form)

        box = QGroupBox(_("Phone numbers and addresses"))
        box_layout = QVBoxLayout(box)
        self._grid = QGridLayout()
        self._grid.setColumnStretch(1, 3)  # the number or address gets the room
        self._grid.setColumnStretch(4, 2)
        box_layout.addLayout(self._grid)
        self.add_channel_button = QPushButton(_("Add number or address"))
        self.add_channel_button.clicked.connect(lambda: self.add_channel())
        row = QHBoxLayout()
        row.addWidget(self.add_channel_button)
        row.addStretch(1)
        box_layout.addLayout(row)
        layout.addWidget(box)
        self.rows: list[ChannelRow] = []

        self.error = QLabel()
        self.error.setWordWrap(True)
        style_status(self.error, Status.BAD, TEXT)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        if contact is not None:
            self.name.setText(contact.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(contact.kind)))
            self.organisation.setText(contact.organisation)
            self.job_title.setText(contact.job_title)
            self.internal.setChecked(contact.internal)
            self.labels.setText(", ".join(contact.labels))
            self.availability.setText(contact.availability)
            self.notes.setPlainText(contact.notes)
            for channel in contact.channels:
                self.add_channel(channel)
        if not self.rows:
            self.add_channel(Channel(ChannelKind.MOBILE, ""))
        self.resize(780, 560)

    def add_channel(self, channel: Channel | None = None) -> ChannelRow:
        row = ChannelRow(self._check)
        if channel is not None:
            row.set(channel)
        grid_row = len(self.rows)
        for column, widget in enumerate(row.widgets()):
            self._grid.addWidget(widget, grid_row, column)
        tab_before(self.add_channel_button, [row.kind, row.value, row.label, row.remove])
        row.remove.clicked.connect(lambda: self.remove_channel(row))
        self.rows.append(row)
        return row

    def remove_channel(self, row: ChannelRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            self._grid.removeWidget(widget)
            widget.deleteLater()
        # lay the remaining rows out again without gaps
        for index, other in enumerate(self.rows):
            for column, widget in enumerate(other.widgets()):
                self._grid.addWidget(widget, index, column)

    def contact(self) -> Contact:
        original = self._original
        return Contact(
            id=original.id if original else "",
            name=self.name.text(),
            kind=self.kind.currentData(),
            organisation=self.organisation.text(),
            job_title=self.job_title.text(),
            internal=self.internal.isChecked(),
            channels=tuple(r.channel() for r in self.rows if r.value.text().strip()),
            labels=tuple(part for part in self.labels.text().split(",")),
            notes=self.notes.toPlainText(),
            availability=self.availability.text(),
            last_verified=original.last_verified if original else None,
        )

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(_("A contact needs a name."))
            self.name.setFocus()
            return
        self.accept()


class ImportPreviewDialog(QDialog):
    """What an import will do, before anything is saved: the contacts to add, the
    duplicates that will not be doubled and every problem (then nothing is imported)."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(_("Import contacts"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self._summary())
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = text_box()
        self.details.setReadOnly(True)
        self.details.setPlainText(self._details())
        self.details.setAccessibleName(_("Import details"))
        layout.addWidget(self.details, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        count = len(preview.to_add)
        self.import_button = self.buttons.addButton(
            ngettext("Import {n} contact", "Import {n} contacts", count).format(n=count),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.import_button.setEnabled(preview.ok and count > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

    def _summary(self) -> str:
        p = self.preview
        head = _("{source} — {format}, {encoding}").format(
            source=p.source, format=p.format, encoding=p.encoding
        )
        if p.problems:
            return (
                head
                + "\n"
                + ngettext(
                    "{n} problem found: nothing will be imported. Correct the file and try again.",
                    "{n} problems found: nothing will be imported. Correct the file and try again.",
                    len(p.problems),
                ).format(n=len(p.problems))
            )
        return (
            head
            + "\n"
            + _("{add} new, {dup} already in the handbook (not doubled).").format(
                add=len(p.to_add), dup=len(p.duplicates)
            )
        )

    def _details(self) -> str:
        p = self.preview
        lines: list[str] = []
        if p.problems:
            lines.append(_("PROBLEMS ({n})").format(n=len(p.problems)))
            lines += [f"  {problem}" for problem in p.problems]
            lines.append("")
        lines.append(_("TO ADD ({n})").format(n=len(p.to_add)))
        lines += [
            "  " + _("{name}  (line {line})").format(name=i.contact.name, line=i.line)
            for i in p.to_add
        ]
        if p.duplicates:
            lines.append("")
            lines.append(_("DUPLICATES, NOT IMPORTED ({n})").format(n=len(p.duplicates)))
            lines += [
                "  "
                + _("{name} (line {line}) matches {match}").format(
                    name=d.contact.name, line=d.line, match=d.matches
                )
                for d in p.duplicates
            ]
        if p.flagged:
            lines.append("")
            lines.append(_("NUMBERS KEPT AS TYPED, FLAGGED ({n})").format(n=len(p.flagged)))
            lines += [
                "  " + _("'{value}' of {name} (line {line})").format(value=v, name=n, line=line)
                for line, n, v in p.flagged
            ]
        return "\n".join(lines)
