from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from crisisdesk.domain.contacts import Channel, ChannelKind, Contact
from crisisdesk.domain.i18n import format_date
from crisisdesk.services.handbook import Services
from crisisdesk.ui import pdf_print
from crisisdesk.ui.contact_dialogs import ContactDialog, ImportPreviewDialog
from crisisdesk.ui.contacts_model import NUMBER, VERIFIED, ContactsTableModel
from crisisdesk.ui.tasks import SyncTaskRunner
from crisisdesk.ui.views.contacts import ContactsView
from crisisdesk.ui.widgets import EmptyState

DATA = Path(__file__).resolve().parent.parent / "data"


def make_view(qtbot, services: Services, runner=None) -> ContactsView:  # type: ignore[no-untyped-def]
    view = ContactsView(services, runner=runner or SyncTaskRunner())
    qtbot.addWidget(view)
    services.notifier.subscribe(view.on_changed)
    view.resize(1200, 700)
    view.show()
    return view


def shown_names(view: ContactsView) -> list[str]:
    return [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]


def select(view: ContactsView, *names: str) -> None:
    ids = {c.id for c in view._services.contacts.all() if c.name in names}
    view.select_ids(ids)
    assert {e.contact.name for e in view.selected_entries()} == set(names)


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, demo) -> None:  # type: ignore[no-untyped-def]
    model = ContactsTableModel()
    model.set_entries(demo.contacts.entries())
    qtmodeltester.check(model)
    view = make_view(qtbot, demo)
    qtmodeltester.check(view.proxy)


def test_lists_every_contact_with_roles_numbers_and_overdue_words(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, demo)
    assert view.proxy.rowCount() == len(demo.contacts.all())
    row = shown_names(view).index("Jan de Vries")
    assert view.proxy.index(row, 2).data() == "Crisis lead"
    assert view.proxy.index(row, NUMBER).data() == "06 12345001"  # national format
    overdue = [
        view.proxy.index(r, VERIFIED).data()
        for r in range(view.proxy.rowCount())
        if "overdue" in view.proxy.index(r, VERIFIED).data()
    ]
    assert len(overdue) == sum(1 for e in demo.contacts.entries() if e.overdue) > 0
    assert "not verified recently" in view.count.text()


def test_flagged_number_is_marked_with_a_word(qtbot, empty) -> None:  # type: ignore[no-untyped-def]
    empty.contacts.add(
        Contact(id="", name="Front desk", channels=(Channel(ChannelKind.LANDLINE, "ask Ria"),))
    )
    view = make_view(qtbot, empty)
    assert view.proxy.index(0, NUMBER).data() == "ask Ria  [not a valid number]"
    assert view.proxy.index(0, NUMBER).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_filter_as_you_type_by_name_role_and_number(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, demo)
    qtbot.keyClicks(view.filter, "crisis lead")
    assert set(shown_names(view)) >= {"Jan de Vries", "Anouk Mulder"}
    assert "Amy Chen" not in shown_names(view)
    view.filter.clear()
    qtbot.keyClicks(view.filter, "06-1234 5025")
    assert shown_names(view) == ["Amy Chen"]
    assert view.count.text().startswith("1 of ")
    view.filter.clear()
    assert view.proxy.rowCount() == view.model.rowCount()


def test_empty_handbook_shows_empty_state(qtbot, empty) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, empty)
    assert view.stack.currentWidget() is view.empty
    assert isinstance(view.empty, EmptyState)


def test_add_contact_with_channels_through_the_editor(qtbot, empty) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, empty)
    dialog = view.add_contact()
    qtbot.keyClicks(dialog.name, "Karin Vos")
    dialog.rows[0].value.setText("06 5678 9012")
    assert dialog.rows[0].note.text() == "✓ 06 56789012"
    extra = dialog.add_channel()
    extra.kind.setCurrentIndex(extra.kind.findData(ChannelKind.LANDLINE))
    extra.value.setText("see intranet")
    assert "not a valid number" in extra.note.text()
    removed = dialog.add_channel()
    removed.value.setText("k.vos@example.org")
    dialog.remove_channel(removed)
    dialog.labels.setText("management, crisis")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    saved = empty.contacts.all()
    assert len(saved) == 1
    karin = saved[0]
    assert [(c.kind, c.value, c.e164) for c in karin.channels] == [
        ("mobile", "06 5678 9012", "+31656789012"),
        ("landline", "see intranet", None),
    ]
    assert karin.labels == ("management", "crisis")
    assert shown_names(view) == ["Karin Vos"]
    assert view.stack.currentWidget() is view.table
    assert [e.contact.name for e in view.selected_entries()] == ["Karin Vos"]


def test_editor_refuses_empty_name(qtbot, empty) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, empty)
    dialog = view.add_contact()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and "needs a name" in dialog.error.text()
    assert empty.contacts.all() == []


def test_edit_contact(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, demo)
    select(view, "Amy Chen")
    dialog = view.edit_contact()
    assert isinstance(dialog, ContactDialog)
    assert dialog.name.text() == "Amy Chen" and len(dialog.rows) == 3
    dialog.job_title.setText("Lead cloud engineer")
    dialog.accept()
    amy = next(c for c in demo.contacts.all() if c.name == "Amy Chen")
    assert amy.job_title == "Lead cloud engineer"
    assert len(amy.channels) == 3


def test_verified_today_one_click(qtbot, demo, gui_clock) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, demo)
    select(view, "Bram de Jong", "Lars Prins")
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    today = gui_clock.now().astimezone().date()
    verified = {c.name: c.last_verified for c in demo.contacts.all()}
    assert verified["Bram de Jong"] == verified["Lars Prins"] == today
    row = shown_names(view).index("Lars Prins")
    assert view.proxy.index(row, VERIFIED).data() == format_date(
        today
    )  # as the interface writes dates


def test_delete_asks_first_and_names_the_roles(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, demo)
    before = len(demo.contacts.all())
    select(view, "Jan de Vries")
    box = view.delete_selected()
    assert box is not None and "Crisis lead" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(demo.contacts.all()) == before
    box = view.delete_selected()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert len(demo.contacts.all()) == before - 1
    assert "Jan de Vries" not in shown_names(view)


def test_import_shows_preview_then_commits(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, demo)
    before = len(demo.contacts.all())
    task = view.import_file(DATA / "iphone_v3.vcf")
    with qtbot.waitSignal(task.finished):
        pass
    dialog = view.dialog
    assert isinstance(dialog, ImportPreviewDialog)
    text = dialog.details.toPlainText()
    assert "TO ADD (2)" in text and "Z-CERT" in text
    assert "DUPLICATES, NOT IMPORTED (1)" in text and "Pieter Bakker (line 1)" in text
    assert "'ring reception first'" in text
    assert len(demo.contacts.all()) == before  # nothing saved yet
    dialog.import_button.click()
    with qtbot.waitSignal(view.task.finished):
        pass
    assert len(demo.contacts.all()) == before + 2
    assert {e.contact.name for e in view.selected_entries()} == {"Z-CERT", "Ayşe Özdemir"}


def test_import_reads_matches_and_saves_off_the_gui_thread(qtbot, demo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    from crisisdesk.store import contacts_repo
    from crisisdesk.ui.tasks import ThreadTaskRunner

    threads: dict[str, int] = {}
    match, insert = demo.contacts.normalised, contacts_repo.insert_contacts

    def normalised(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads["match"] = threading.get_ident()
        return match(*args, **kwargs)

    def insert_contacts(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads["save"] = threading.get_ident()
        return insert(*args, **kwargs)

    monkeypatch.setattr(demo.contacts, "normalised", normalised)
    monkeypatch.setattr(contacts_repo, "insert_contacts", insert_contacts)
    view = make_view(qtbot, demo, ThreadTaskRunner())
    before = len(demo.contacts.all())
    with qtbot.waitSignal(view.import_file(DATA / "iphone_v3.vcf").finished, timeout=20000):
        pass
    view.dialog.import_button.click()
    with qtbot.waitSignal(view.task.finished, timeout=20000):
        pass
    gui = threading.get_ident()
    assert threads["match"] != gui and threads["save"] != gui
    assert len(demo.contacts.all()) == before + 2  # the window's connection sees them
    assert {e.contact.name for e in view.selected_entries()} == {"Z-CERT", "Ayşe Özdemir"}


def test_import_with_problems_cannot_be_committed(qtbot, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.vcf"
    bad.write_text(
        "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nNOTE:x\nEND:VCARD\n", encoding="utf-8"
    )
    view = make_view(qtbot, demo)
    task = view.import_file(bad)
    with qtbot.waitSignal(task.finished):
        pass
    dialog = view.dialog
    assert "nothing will be imported" in dialog.summary.text()
    assert f"{bad}:4: this vCard has no name" in dialog.details.toPlainText()
    assert not dialog.import_button.isEnabled()


def test_import_of_junk_shows_the_error(qtbot, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)))
    view = make_view(qtbot, demo)
    task = view.import_file(junk)
    with qtbot.waitSignal(task.failed):
        pass
    assert isinstance(view.dialog, QMessageBox)
    assert "binary file" in view.dialog.text()


def test_export_writes_the_file(qtbot, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, demo)
    out = tmp_path / "all.csv"
    task = view.export_file(out)
    with qtbot.waitSignal(task.finished):
        pass
    assert task.result == len(demo.contacts.all())
    assert out.read_text(encoding="utf-8").startswith("name,kind,organisation")


def test_print_preview_paints_every_page_of_the_sheet(qtbot, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, demo)
    task = view.print_preview()
    with qtbot.waitSignal(task.finished):
        pass
    pdf = task.result
    expected = pdf_print.page_count(pdf)
    assert expected >= 3
    assert view.dialog is not None and view.dialog.isVisible()
    view.dialog.close()
    # paint the same pages into a PDF printer and count the pages it made
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    out = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(100)
    pdf_print.prepare(printer, "a4")
    assert pdf_print.paint(printer, pdf) == expected
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert f"Pages:           {expected}" in info


def test_render_page_image_is_not_blank(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    import io

    import pypdfium2

    out = io.BytesIO()
    demo.contact_sheet.export_pdf(out)
    document = pypdfium2.PdfDocument(out.getvalue())
    image = pdf_print.render_page(document, 0, 50)
    document.close()
    assert image.width() > 300 and image.height() > 400
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 2  # text was drawn, not a white page


def test_large_list_filters_when_typing_pauses(qtbot, empty, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from crisisdesk.ui.views import contacts as view_module

    for i in range(5):
        empty.contacts.add(Contact(id="", name=f"Person {i}"))
    monkeypatch.setattr(view_module, "DEBOUNCE_ROWS", 3)
    view = make_view(qtbot, empty)
    qtbot.keyClicks(view.filter, "Person 3")
    assert view.proxy.rowCount() == 5  # not yet: still typing
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1, timeout=2000)
    assert shown_names(view) == ["Person 3"]
