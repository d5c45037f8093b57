"""The Playbooks view: the list, the rendered playbook, adding from a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from crisisdesk.domain.errors import Problem
from crisisdesk.domain.playbook import PlaybookVersion
from crisisdesk.playbooks.parser import parse_playbook
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services
from crisisdesk.services.playbooks import PlaybookService
from crisisdesk.ui.playbook_html import format_due, playbook_html
from crisisdesk.ui.playbook_model import PlaybooksModel
from crisisdesk.ui.views.playbooks import PlaybooksView
from tests.playbook_samples import builtin_version, sample_text, write_sample

BUILTIN = [
    builtin_version(id="generic", title="Generic IT crisis"),
    builtin_version(id="generic", language="nl", title="Algemene IT-crisis"),
    builtin_version(id="ransomware", title="Ransomware attack"),
    builtin_version(id="ransomware", language="nl", title="Ransomware-aanval"),
]


def use_builtin(services: Services, versions: list[PlaybookVersion]) -> None:
    def loader() -> tuple[list[PlaybookVersion], list[Problem]]:
        return list(versions), []

    services.playbooks = PlaybookService(services.ctx, loader)


@pytest.fixture
def view(qtbot, demo: Services) -> PlaybooksView:  # type: ignore[no-untyped-def]
    use_builtin(demo, BUILTIN)
    widget = PlaybooksView(demo)
    qtbot.addWidget(widget)
    widget.resize(1176, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.language_filter.setCurrentIndex(widget.language_filter.findData(""))  # all
    return widget


def column_texts(view: PlaybooksView, column: int) -> list[str]:
    proxy = view.proxy
    return [proxy.data(proxy.index(r, column)) for r in range(proxy.rowCount())]


def stored(services: Services) -> int:
    return int(services.ctx.handbook.conn.execute("SELECT count(*) FROM playbooks").fetchone()[0])


def test_model_passes_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = PlaybooksModel()
    model.set_versions(BUILTIN)
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert model.data(model.index(1, PlaybooksModel.LANGUAGE)) == "NL"
    assert model.data(model.index(1, PlaybooksModel.LANGUAGE), Qt.ItemDataRole.ToolTipRole) == (
        "Nederlands"
    )


def test_lists_playbooks_sorted_by_title_with_every_column(view: PlaybooksView) -> None:
    assert column_texts(view, PlaybooksModel.TITLE) == [
        "Algemene IT-crisis",
        "Generic IT crisis",
        "Ransomware attack",
        "Ransomware-aanval",
    ]
    assert column_texts(view, PlaybooksModel.TYPE) == [  # the crisis type in words
        "generic IT crisis",
        "generic IT crisis",
        "ransomware",
        "ransomware",
    ]
    assert column_texts(view, PlaybooksModel.VERSION) == ["1.0"] * 4
    assert column_texts(view, PlaybooksModel.REVIEWED) == ["2026-11-01"] * 4
    assert column_texts(view, PlaybooksModel.SOURCE) == ["built-in"] * 4
    assert view.pages.currentIndex() == 1


def test_selected_playbook_is_rendered_with_checklist_details(view: PlaybooksView) -> None:
    view.table.selectRow(2)
    text = view.browser.toPlainText()
    assert text.startswith("Ransomware attack")
    assert "2. Identification and first communication" in text
    assert "☐" in text
    assert "Record when and by whom it was detected" in text
    assert "MUST · owner: Scribe · due: 0:15 after start" in text
    assert "Write down the exact time and the source." in text
    assert "owner: Crisis lead · due: 14 d after start" in text
    # guidance markdown rendered: **offline** is bold
    assert 'font-weight:700;">offline</span>' in view.browser.toHtml()


def test_due_times_read_as_hours_and_days() -> None:
    assert [format_due(m) for m in (15, 90, 24 * 60, 25 * 60, 3 * 24 * 60)] == [
        "0:15",
        "1:30",
        "1 d",
        "25:00",
        "3 d",
    ]


def test_raw_html_in_a_playbook_is_shown_as_text() -> None:
    text = sample_text().replace("Hold the evaluation", "Check <script> & friends")
    html = playbook_html(parse_playbook(text))
    assert "Check &lt;script&gt; &amp; friends" in html
    assert "<script>" not in html


def test_language_filter(view: PlaybooksView, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert not view.table.isColumnHidden(PlaybooksModel.LANGUAGE)
    view.language_filter.setCurrentIndex(view.language_filter.findData("nl"))
    assert column_texts(view, PlaybooksModel.LANGUAGE) == ["NL", "NL"]
    assert view.table.isColumnHidden(PlaybooksModel.LANGUAGE)
    assert view.browser.toPlainText() != ""
    view.language_filter.setCurrentIndex(0)
    assert len(column_texts(view, PlaybooksModel.TITLE)) == 4


def test_add_own_version_replaces_builtin_in_the_list(
    view: PlaybooksView, demo: Services, tmp_path: Path
) -> None:
    path = write_sample(tmp_path, version="2.0", title="Ransomware (ours)")
    assert view.add_file(path) is True
    titles = column_texts(view, PlaybooksModel.TITLE)
    assert "Ransomware (ours)" in titles and "Ransomware attack" not in titles
    assert len(titles) == 4
    row = titles.index("Ransomware (ours)")
    assert column_texts(view, PlaybooksModel.SOURCE)[row] == "own"
    assert view.table.currentIndex().row() == row
    assert view.browser.toPlainText().startswith("Ransomware (ours)")
    assert "version 2.0" in view.status.text()
    assert stored(demo) == 1


def test_invalid_file_shows_every_problem_with_its_line_and_stores_nothing(
    view: PlaybooksView, demo: Services, tmp_path: Path
) -> None:
    text = sample_text().replace("type: ransomware", "type: flood").replace("due: 1h", "due: x")
    path = tmp_path / "broken.md"
    path.write_text(text, "utf-8")
    lines = text.split("\n")
    type_line = 1 + next(i for i, line in enumerate(lines) if line.startswith("type:"))
    due_line = 1 + next(i for i, line in enumerate(lines) if "due: x" in line)
    assert view.add_file(path) is False
    dialog = view.problems_dialog
    assert dialog is not None and dialog.isVisible()
    items = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert items[0].startswith(f"Line {type_line}: type 'flood'")
    assert items[1].startswith(f"Line {due_line}: due 'x'")
    assert len(items) == 2
    assert "nothing was changed" in dialog.intro.text()
    assert stored(demo) == 0
    assert column_texts(view, PlaybooksModel.SOURCE) == ["built-in"] * 4
    dialog.close()


def test_same_version_twice_shows_the_reason(
    view: PlaybooksView, demo: Services, tmp_path: Path
) -> None:
    path = write_sample(tmp_path, version="2.0")
    assert view.add_file(path)
    assert view.add_file(path) is False
    assert view.error_box is not None and view.error_box.isVisible()
    assert "already in the handbook" in view.error_box.text()
    assert stored(demo) == 1
    view.error_box.close()


def test_button_asks_for_a_file_and_adds_it(view: PlaybooksView, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_sample(tmp_path, id="flood", type="outage", title="Flooded server room")
    view.choose_file = lambda: str(path)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert "Flooded server room" in column_texts(view, PlaybooksModel.TITLE)
    view.choose_file = lambda: ""  # cancelled: nothing happens
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert len(column_texts(view, PlaybooksModel.TITLE)) == 5


def test_refreshes_when_another_part_adds_a_playbook(
    view: PlaybooksView, demo: Services, tmp_path: Path
) -> None:
    view.table.selectRow(1)
    selected = view.current_key()
    demo.playbooks.add(write_sample(tmp_path, id="flood", type="outage", title="Flood"))
    view.on_changed(Changed.of(Area.PLAYBOOKS))
    assert "Flood" in column_texts(view, PlaybooksModel.TITLE)
    assert view.current_key() == selected


def test_empty_state_when_there_are_no_playbooks(qtbot, empty: Services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    use_builtin(empty, [])
    view = PlaybooksView(empty)
    qtbot.addWidget(view)
    assert view.pages.currentWidget() is view.empty
    view.choose_file = lambda: str(write_sample(tmp_path))
    assert view.empty.button is not None
    view.empty.button.click()
    assert view.pages.currentIndex() == 1
    assert column_texts(view, PlaybooksModel.TITLE) == ["Ransomware attack"]


def test_screenshot_fits_a_laptop_screen(view: PlaybooksView, tmp_path: Path) -> None:
    view.resize(1366 - 190, 768 - 60)
    view.table.selectRow(2)
    image = view.grab()
    assert image.width() <= 1366 and image.height() <= 768
    assert view.table.horizontalScrollBar().isVisible() is False


def test_starts_with_the_content_language(qtbot, demo: Services) -> None:  # type: ignore[no-untyped-def]
    use_builtin(demo, BUILTIN)
    demo.settings.set("language", "nl")
    view = PlaybooksView(demo)
    qtbot.addWidget(view)
    assert view.language_filter.currentData() == "nl"
    assert column_texts(view, PlaybooksModel.TITLE) == ["Algemene IT-crisis", "Ransomware-aanval"]


def test_versions_of_the_selected_playbook_are_listed(view: PlaybooksView, tmp_path: Path) -> None:
    view.add_file(write_sample(tmp_path, name="v11.md", version="1.1"))
    view.add_file(write_sample(tmp_path, name="v12.md", version="1.2"))
    text = view.versions.text()
    assert text.index("version 1.2 (in use)") < text.index("version 1.1 —")
    assert text.index("version 1.1 —") < text.index("version 1.0 — built into crisisdesk")
    assert "from v12.md" in text and "from v11.md" in text
    view.select(("generic", "en"))
    assert "version 1.0 (in use) — built into crisisdesk" in view.versions.text()


def test_title_tooltip_shows_the_full_title(view: PlaybooksView) -> None:
    proxy = view.proxy
    titles = column_texts(view, PlaybooksModel.TITLE)
    tips = [
        proxy.data(proxy.index(r, PlaybooksModel.TITLE), Qt.ItemDataRole.ToolTipRole)
        for r in range(proxy.rowCount())
    ]
    assert tips == titles
