"""Importing and exporting contacts files: formats, encodings, duplicates, bad input."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from crisisdesk.domain.contacts import Channel, ChannelKind, Contact
from crisisdesk.domain.errors import CrisisdeskError, InvalidInput
from crisisdesk.services.handbook import Services

DATA = Path(__file__).resolve().parent.parent / "data"


def names(services: Services) -> set[str]:
    return {c.name for c in services.contacts.all()}


def by_name(services: Services, name: str) -> Contact:
    return next(c for c in services.contacts.all() if c.name == name)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_iphone_vcard_3(services: Services) -> None:
    services.settings.set("organisation.name", "Noordhaven Logistiek B.V.")
    preview = services.contacts.import_file(DATA / "iphone_v3.vcf")
    assert preview.format == "vCard" and preview.ok
    assert [i.line for i in preview.to_add] == [1, 15, 26]
    pieter = by_name(services, "Pieter Bakker")
    assert pieter.organisation == "Noordhaven Logistiek B.V."  # not the "IT" unit
    assert pieter.internal  # same organisation as the handbook's
    assert pieter.job_title == "Senior system administrator"
    assert [(c.kind, c.e164, c.label) for c in pieter.channels] == [
        ("mobile", "+31612345003", "Mobile"),  # Apple's item1.X-ABLabel
        ("landline", "+31207001003", "work"),
        ("email", None, "Work"),
    ]
    cert = by_name(services, "Z-CERT")
    assert cert.kind == "organisation" and not cert.internal
    assert cert.labels == ("External", "CSIRT")
    ayse = by_name(services, "Ayşe Özdemir")
    # "ring reception first" is not a number: kept as typed and flagged, not dropped.
    assert ayse.channels[0].value == "ring reception first" and ayse.channels[0].flagged
    assert ayse.channels[1].e164 == "+31105551234"
    assert preview.flagged == [(26, "Ayşe Özdemir", "ring reception first")]


def test_vcard_4(services: Services) -> None:
    services.contacts.import_file(DATA / "contacts_v4.vcf")
    desk = by_name(services, "Verzekeraar Cyber Desk")
    assert desk.kind == "organisation"
    assert desk.notes == "24/7 claims line, policy NV-88"
    assert desk.channels[0].e164 == "+31205550100"  # the tel: URI prefix is removed
    karin = by_name(services, "Karin Vos")
    assert [(c.kind, c.e164) for c in karin.channels] == [
        ("mobile", "+31656789012"),
        ("other", None),  # a fax is an "other" channel: not a phone to call
        ("email", None),
    ]


def test_outlook_csv_in_windows_1252(services: Services) -> None:
    preview = services.contacts.import_file(DATA / "outlook_cp1252.csv")
    assert (preview.format, preview.encoding) == ("Outlook CSV", "Windows-1252")
    seb = by_name(services, "Sébastien Lefèvre")
    assert seb.job_title == "Claims handler (Cyber)"  # "Title" (Dr.) is the honorific
    assert [c.e164 for c in seb.channels if c.is_phone] == ["+32470123456", "+3225550123"]
    assert seb.labels == ("Insurer", "External")
    police = by_name(services, "Politie Meldkamer")
    assert police.kind == "organisation" and police.channels[0].e164 == "+319008844"


def test_google_csv_with_bom(services: Services) -> None:
    preview = services.contacts.import_file(DATA / "google.csv")
    assert (preview.format, preview.encoding) == ("Google Contacts CSV", "UTF-8 (with BOM)")
    femke = by_name(services, "Femke van der Berg")
    # " ::: " separates several numbers in one Google cell
    assert [c.e164 for c in femke.channels if c.kind == "landline"] == [
        "+31885550100",
        "+31885550101",
    ]
    assert femke.labels == ("Crisis",)  # "* myContacts" is Google's own group
    assert "Łukasz Żółć" in names(services)
    assert by_name(services, "Autoriteit Persoonsgegevens").kind == "organisation"


def test_own_csv(services: Services) -> None:
    services.contacts.import_file(DATA / "own.csv")
    jan = by_name(services, "Jan de Vries")
    assert jan.internal and jan.availability == "24/7"
    assert jan.labels == ("Management", "Crisis team")
    assert str(jan.last_verified) == "2026-02-01"
    noc = by_name(services, "Datacentre NOC")
    assert noc.kind == "organisation" and not noc.internal
    assert [(c.kind, c.value) for c in noc.channels][-1] == ("other", "ticket portal")


@pytest.mark.parametrize("suffix", [".vcf", ".csv"])
def test_export_then_import_round_trips(
    demo_services: Services, services: Services, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"all{suffix}"
    count = demo_services.contacts.export(out)
    assert count == len(demo_services.contacts.all())
    services.contacts.import_file(out)

    def shape(s: Services) -> list[tuple[object, ...]]:
        return sorted(
            (
                c.name,
                c.kind,
                c.organisation,
                c.internal,
                c.labels,
                c.last_verified,
                # vCard groups properties by type: the order within a kind is kept
                tuple(sorted(((ch.kind, ch.e164) for ch in c.channels), key=lambda k: k[0])),
            )
            for c in s.contacts.all()
        )

    assert shape(services) == shape(demo_services)


def test_export_refuses_other_suffix(demo_services: Services, tmp_path: Path) -> None:
    with pytest.raises(CrisisdeskError, match=r"\.vcf"):
        demo_services.contacts.export(tmp_path / "x.txt")
    assert not (tmp_path / "x.txt").exists()


def test_duplicates_are_matched_not_doubled(services: Services, tmp_path: Path) -> None:
    services.contacts.import_file(DATA / "iphone_v3.vcf")
    before = len(services.contacts.all())
    again = services.contacts.import_file(DATA / "iphone_v3.vcf")
    assert again.to_add == []
    assert [(d.line, d.matches) for d in again.duplicates] == [
        (1, "Pieter Bakker"),
        (15, "Z-CERT"),
        (26, "Ayşe Özdemir"),  # matched on name + the number it has
    ]
    assert len(services.contacts.all()) == before


def test_same_e164_written_differently_is_a_duplicate(services: Services, tmp_path: Path) -> None:
    services.contacts.add(
        Contact(id="", name="P. Bakker", channels=(Channel(ChannelKind.MOBILE, "0612345003"),))
    )
    preview = services.contacts.preview_import(DATA / "iphone_v3.vcf")
    assert [(d.line, d.matches) for d in preview.duplicates] == [(1, "P. Bakker")]


def test_duplicates_within_one_file(services: Services, tmp_path: Path) -> None:
    text = (DATA / "own.csv").read_text(encoding="utf-8")
    first_row = text.splitlines()[1]
    path = tmp_path / "twice.csv"
    path.write_text(text + first_row + "\n", encoding="utf-8")
    preview = services.contacts.import_file(path)
    assert len(preview.to_add) == 2
    assert [(d.line, d.matches) for d in preview.duplicates] == [(4, "line 2 of this file")]


def test_preview_saves_nothing(services: Services) -> None:
    preview = services.contacts.preview_import(DATA / "google.csv")
    assert len(preview.to_add) == 3
    assert services.contacts.all() == []


# -- bad input: a clear error with file and line, and the handbook unchanged ------------


def assert_refused(services: Services, path: Path, *expected: str) -> InvalidInput:
    services.contacts.add(Contact(id="", name="Already here"))
    db = services.path
    before = names(services)
    with pytest.raises(InvalidInput) as info:
        services.contacts.import_file(path)
    message = str(info.value)
    for text in expected:
        assert text in message, message
    assert names(services) == before
    assert db.exists()
    return info.value


def test_empty_file(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "empty.vcf"
    path.write_bytes(b"")
    assert_refused(services, path, f"{path}: the file is empty")


def test_whitespace_only_file(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\r\n  \n")
    assert_refused(services, path, "empty")


def test_binary_junk(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "photo.vcf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert_refused(services, path, f"{path}:", "binary file")


def test_undecodable_bytes(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    # 0x81 is not UTF-8 here and is undefined in Windows-1252
    path.write_bytes(b"name,kind,mobile,landline,email\nA\x81,person,,,\n")
    assert_refused(services, path, f"{path}:2:", "0x81")


def test_truncated_vcard(services: Services, tmp_path: Path) -> None:
    text = (DATA / "iphone_v3.vcf").read_text(encoding="utf-8")
    path = tmp_path / "cut.vcf"
    path.write_text(text[: text.index("CATEGORIES")], encoding="utf-8")
    error = assert_refused(services, path, f"{path}:15: this vCard has no END:VCARD")
    assert len(error.problems) == 1


def test_every_problem_listed_with_its_line(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "broken.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nTEL:0612345678\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nTEL:0612345679\nEND:VCARD\n"  # no name, line 6
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bad Line\nthis line has no colon\nEND:VCARD\n"  # line 13
        "stray text\n",  # line 15
        encoding="utf-8",
    )
    error = assert_refused(services, path)
    assert [str(p) for p in error.problems] == [
        f"{path}:6: this vCard has no name (FN, N or ORG)",
        f"{path}:13: not a vCard property line (NAME:value): 'this line has no colon'",
        f"{path}:15: text outside a vCard (expected BEGIN:VCARD): 'stray text'",
    ]
    assert "Good One" not in names(services)  # all or nothing


def test_huge_line(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("name,kind,mobile,landline,email\n" + "x" * 200_000 + "\n", encoding="utf-8")
    assert_refused(services, path, f"{path}:2: the line is 200000 characters long")


def test_wrong_columns(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("order,amount,customer\n1,20,ACME\n", encoding="utf-8")
    assert_refused(services, path, f"{path}:1: unknown columns (order, amount, customer)", "name")


def test_rows_with_wrong_cell_count_and_bad_values(services: Services, tmp_path: Path) -> None:
    header = (DATA / "own.csv").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "bad.csv"
    path.write_text(
        header
        + "\nA,person,,,yes,,,,,,,,\n"  # fine
        + "B,person\n"  # line 3: too few cells
        + "C,robot,,,maybe,,,,,,,,yesterday\n"  # line 4: three bad values
        + ",person,,,no,,,,,,,,\n",  # line 5: no name
        encoding="utf-8",
    )
    error = assert_refused(services, path)
    assert [str(p) for p in error.problems] == [
        f"{path}:3: 2 columns, but the header has 13",
        f"{path}:4: kind 'robot' must be person or organisation",
        f"{path}:4: internal 'maybe' must be yes or no",
        f"{path}:4: last_verified 'yesterday' is not a date (YYYY-MM-DD)",
        f"{path}:5: no name and no organisation in this row",
    ]


def test_unterminated_quote(services: Services, tmp_path: Path) -> None:
    header = (DATA / "own.csv").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "quote.csv"
    path.write_text(header + '\nA,person,,,yes,,,,,,"never closed\n', encoding="utf-8")
    assert_refused(services, path, f"{path}:2:")


def test_missing_file_is_a_clear_error(services: Services, tmp_path: Path) -> None:
    with pytest.raises(CrisisdeskError, match="cannot be read"):
        services.contacts.import_file(tmp_path / "nope.vcf")


def test_refused_import_leaves_the_handbook_file_byte_identical(
    services: Services, tmp_path: Path
) -> None:
    services.contacts.add(Contact(id="", name="Keep"))
    services.close()
    copy = tmp_path / "copy.db"
    shutil.copy(services.path, copy)
    from crisisdesk.services.handbook import open_services

    reopened = open_services(copy)
    try:
        before = file_hash(copy)
        bad = tmp_path / "bad.vcf"
        bad.write_text("BEGIN:VCARD\nFN:x\n", encoding="utf-8")
        with pytest.raises(InvalidInput):
            reopened.contacts.import_file(bad)
        assert file_hash(copy) == before
    finally:
        reopened.close()


def test_commit_matches_again_so_a_contact_added_meanwhile_is_not_doubled(
    services: Services,
) -> None:
    preview = services.contacts.preview_import(DATA / "contacts_v4.vcf")
    assert len(preview.to_add) == 2
    services.contacts.add(
        Contact(id="", name="Karin", channels=(Channel(ChannelKind.MOBILE, "+31 6 5678 9012"),))
    )
    done = services.contacts.commit_import(preview)
    assert [i.contact.name for i in done.to_add] == ["Verzekeraar Cyber Desk"]
    assert [(d.contact.name, d.matches) for d in done.duplicates] == [("Karin Vos", "Karin")]
    assert sorted(names(services)) == ["Karin", "Verzekeraar Cyber Desk"]


def test_check_number_shows_national_format_or_none(services: Services) -> None:
    services.settings.set("organisation.country", "NL")
    assert services.contacts.check_number("+31 (0)6-1234 5678") == "06 12345678"
    assert services.contacts.check_number("+44 20 7946 0018") == "+44 20 7946 0018"
    assert services.contacts.check_number("ask Ria") is None


def test_service_and_export_agree_on_layouts_and_papers() -> None:
    from crisisdesk.export import contact_sheet, pdfbase
    from crisisdesk.services import contact_sheet as service

    assert service.LAYOUTS == contact_sheet.LAYOUTS
    assert set(service.PAPERS) == set(pdfbase.PAPER)


def test_utf16_export_from_outlook_is_read(services: Services, tmp_path: Path) -> None:
    text = (DATA / "outlook_cp1252.csv").read_bytes().decode("cp1252")
    path = tmp_path / "outlook16.csv"
    path.write_bytes(text.encode("utf-16"))  # with a byte-order mark
    preview = services.contacts.preview_import(path)
    assert preview.encoding == "UTF-16" and len(preview.to_add) == 3


def test_commit_notices_a_changed_number_even_at_the_same_clock_time(services: Services) -> None:
    karin = services.contacts.add(Contact(id="", name="Karin"))
    preview = services.contacts.preview_import(DATA / "contacts_v4.vcf")
    services.contacts.update(  # the clock is fixed: updated_at does not move
        Contact(id=karin.id, name="Karin", channels=(Channel(ChannelKind.MOBILE, "0656789012"),))
    )
    done = services.contacts.commit_import(preview)
    assert [d.contact.name for d in done.duplicates] == ["Karin Vos"]


def test_readme_documents_every_column_of_the_own_csv() -> None:
    from crisisdesk.interchange.csvfile import OWN_COLUMNS

    readme = (Path(__file__).resolve().parent.parent.parent / "README.md").read_text("utf-8")
    section = readme[readme.index("crisisdesk's own CSV") :]
    for column in OWN_COLUMNS:
        assert f"`{column}`" in section, column


def test_semicolon_separated_csv_as_dutch_excel_saves_it(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        '"First Name";"Last Name";"E-mail Address";"Mobile Phone";"Business Phone"\r\n'
        '"Joël";"de Wit";"j.dewit@example.nl";"06-12345678";""\r\n'.encode("cp1252")
    )
    preview = services.contacts.import_file(path)
    assert (preview.format, preview.encoding) == ("Outlook CSV", "Windows-1252")
    joel = by_name(services, "Joël de Wit")
    assert [c.e164 for c in joel.channels] == ["+31612345678", None]


def test_the_same_file_accepted_twice_is_saved_once(services: Services) -> None:
    """Two previews of one file, both accepted before either save ran (the window's
    saves are tasks): the second save matches again inside its transaction."""
    first = services.contacts.preview_import(DATA / "contacts_v4.vcf")
    second = services.contacts.preview_import(DATA / "contacts_v4.vcf")
    save_first = services.contacts.prepare_commit(first)
    save_second = services.contacts.prepare_commit(second)
    done_first = save_first(lambda _d, _t: None)
    done_second = save_second(lambda _d, _t: None)
    assert len(done_first.to_add) == 2
    assert done_second.to_add == [] and len(done_second.duplicates) == 2
    assert sorted(names(services)) == ["Karin Vos", "Verzekeraar Cyber Desk"]
