"""The table of playbooks: title, type, language, version, review date, built-in or own."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import crisis_type_label
from crisisdesk.domain.playbook import PlaybookVersion

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}


class PlaybooksModel(QAbstractTableModel):
    TITLE, TYPE, LANGUAGE, VERSION, REVIEWED, SOURCE = range(6)
    KeyRole = Qt.ItemDataRole.UserRole + 1  # (id, language)
    LanguageRole = Qt.ItemDataRole.UserRole + 2  # "en", "nl": what the filter matches

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PlaybookVersion] = []

    def set_versions(self, versions: list[PlaybookVersion]) -> None:
        self.beginResetModel()
        self._rows = list(versions)
        self.endResetModel()

    def version_at(self, row: int) -> PlaybookVersion:
        return self._rows[row]

    def row_of(self, key: tuple[str, str]) -> int | None:
        for row, version in enumerate(self._rows):
            if (version.playbook.id, version.playbook.language) == key:
                return row
        return None

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < 6:
            return None
        return (_("Title"), _("Type"), _("Lang."), _("Version"), _("Reviewed"), _("Source"))[
            section
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        version = self._rows[index.row()]
        pb = version.playbook
        column = index.column()
        if role == self.KeyRole:
            return (pb.id, pb.language)
        if role == self.LanguageRole:
            return pb.language
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                pb.title,
                crisis_type_label(pb.crisis_type),
                pb.language.upper(),
                pb.version,
                pb.last_reviewed,
                _("built-in") if version.builtin else _("own"),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.LANGUAGE:
                return LANGUAGE_NAMES.get(pb.language, pb.language)
            if column == self.TITLE:
                return pb.title
            if version.builtin:
                return _("{id}: built into crisisdesk ({file})").format(
                    id=pb.id, file=version.filename
                )
            return _("{id}: your own version, added {when} from {file}").format(
                id=pb.id, when=version.added_at, file=version.filename
            )
        return None
