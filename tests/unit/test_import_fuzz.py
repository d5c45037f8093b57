"""Hostile files for the importers (contacts, playbooks), through the real services.

Whatever the file holds, an import either adds exactly what its preview promised or
raises a CrisisdeskError saying why and adds nothing; it never crashes, never leaves
half an import, and never creates a file anywhere (names in files are data, not
paths).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.services.handbook import Services, init_handbook
from crisisdesk.store.checks import check_handbook
from tests.unit.conftest import START

ROOT = Path(__file__).resolve().parents[2]
CONTACT_SAMPLES = sorted((ROOT / "tests" / "data").glob("*.*"))
PLAYBOOK_SAMPLES = sorted((ROOT / "playbooks").glob("*.md"))
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder = tmp_path_factory.mktemp("import-fuzz")
    services = init_handbook(folder / "hb.db", demo=True, clock=FixedClock(START))
    yield services
    services.close()


def tree(folder: Path) -> set[str]:
    """Every file under ``folder`` but the handbook's own (its WAL changes size)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.startswith("hb.db")}


def count(services: Services, table: str) -> int:
    return int(services.ctx.handbook.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def import_contacts(services: Services, data: bytes, suffix: str) -> str:
    home = services.path.parent
    before = count(services, "contacts"), count(services, "channels")
    files_before = tree(home)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"incoming{suffix}"
        path.write_bytes(data)
        try:
            preview = services.contacts.import_file(path)
        except CrisisdeskError as exc:
            assert str(exc).strip(), "an error must say what is wrong"
            assert (count(services, "contacts"), count(services, "channels")) == before
            outcome = "rejected"
        else:
            assert count(services, "contacts") == before[0] + len(preview.to_add)
            added = sum(len(item.contact.channels) for item in preview.to_add)
            assert count(services, "channels") == before[1] + added
            outcome = "imported"
        assert sorted(os.listdir(tmp)) == [path.name], "the importer wrote beside the file"
    assert tree(home) == files_before, "the importer created files"
    assert not services.ctx.handbook.conn.in_transaction
    return outcome


VCARD_LINES = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:3.0",
        "VERSION:4.0",
        "FN:Jan de Vries",
        "FN:../../../etc/passwd",
        "FN:",
        "N:Vries;Jan;de;;",
        "ORG:Noordhaven;IT",
        "TEL;TYPE=CELL:+31 6 1234 5678",
        "TEL;TYPE=WORK:020-7001003",
        "TEL:tel:+31205550100",
        "TEL:ring reception first",
        "EMAIL:jan@example.nl",
        "item1.TEL:0612345678",
        "item1.X-ABLabel:Mobile",
        "NOTE:line one\\nline two",
        "CATEGORIES:External,CSIRT",
        "KIND:org",
        " continued folded line",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ",
        "X-UNKNOWN;;;:;;;",
        ":",
        "",
    ]
)
CSV_HEADERS = st.sampled_from(
    [
        "Name,Organisation,Mobile,Email",
        "First Name,Last Name,Mobile Phone,E-mail Address",
        "Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value",
        "name,kind,organisation,job_title,internal,labels,mobile,landline,email,notes",
        ";;;",
        '"unterminated,header',
    ]
)
CSV_CELLS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20
) | st.sampled_from(
    ["+31612345678", "0201234567", '"quoted, comma"', "../../x", "=cmd|' /C calc'!A0"]
)


VCARDS = st.lists(
    st.lists(VCARD_LINES | st.text(max_size=40), max_size=8).map(
        lambda props: ["BEGIN:VCARD", "VERSION:3.0", "FN:Someone", *props, "END:VCARD"]
    ),
    min_size=1,
    max_size=4,
).map(lambda cards: [line for card in cards for line in card])


@FUZZ
@given(lines=VCARDS | st.lists(VCARD_LINES | st.text(max_size=60), max_size=40))
def test_vcard_like_text(handbook: Services, lines: list[str]) -> None:
    data = ("\r\n" if len(lines) % 2 else "\n").join(lines).encode("utf-8", "surrogatepass")
    event(import_contacts(handbook, data, ".vcf"))


@FUZZ
@given(header=CSV_HEADERS, rows=st.lists(st.lists(CSV_CELLS, max_size=12), max_size=15))
def test_csv_like_text(handbook: Services, header: str, rows: list[list[str]]) -> None:
    text = "\n".join([header, *(",".join(row) for row in rows)])
    event(import_contacts(handbook, text.encode("utf-8", "surrogatepass"), ".csv"))


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".vcf", ".csv", ".txt", ""]))
def test_random_bytes(handbook: Services, data: bytes, suffix: str) -> None:
    import_contacts(handbook, data, suffix)


@FUZZ
@given(
    sample=st.sampled_from(CONTACT_SAMPLES),
    edits=st.lists(st.tuples(st.integers(0, 5000), st.binary(max_size=8)), max_size=8),
    cut=st.none() | st.integers(0, 5000),
)
def test_garbled_real_contact_files(
    handbook: Services, sample: Path, edits: list[tuple[int, bytes]], cut: int | None
) -> None:
    data = bytearray(sample.read_bytes())
    for offset, noise in edits:
        position = offset % (len(data) + 1)
        data[position : position + len(noise)] = noise
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    event(import_contacts(handbook, bytes(data), sample.suffix))


# -- playbooks ---------------------------------------------------------------------


def add_playbook(services: Services, data: bytes, name: str = "incoming.md") -> str:
    home = services.path.parent
    before = count(services, "playbooks")
    files_before = tree(home)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            services.playbooks.add(path)
        except CrisisdeskError as exc:
            assert str(exc).strip()
            assert count(services, "playbooks") == before
            outcome = "rejected"
        else:
            assert count(services, "playbooks") == before + 1
            outcome = "added"
        assert sorted(os.listdir(tmp)) == [name]
    assert tree(home) == files_before
    assert not services.ctx.handbook.conn.in_transaction
    return outcome


@FUZZ
@given(
    sample=st.sampled_from(PLAYBOOK_SAMPLES),
    edits=st.lists(st.tuples(st.integers(0, 20000), st.text(max_size=12)), max_size=6),
    cut=st.none() | st.integers(0, 20000),
)
def test_garbled_playbooks_add_whole_or_not_at_all(
    handbook: Services, sample: Path, edits: list[tuple[int, str]], cut: int | None
) -> None:
    text = sample.read_text(encoding="utf-8")
    for offset, noise in edits:
        position = offset % (len(text) + 1)
        text = text[:position] + noise + text[position:]
    if cut is not None:
        text = text[: cut % (len(text) + 1)]
    event(add_playbook(handbook, text.encode("utf-8", "surrogatepass")))


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_as_playbook(handbook: Services, data: bytes) -> None:
    assert add_playbook(handbook, data) == "rejected"


def test_names_in_files_are_data_not_paths(handbook: Services) -> None:
    """A contact or playbook whose name looks like a path is stored as text; nothing
    is written outside the handbook."""
    vcard = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:../../../../tmp/evil\nN:;../../evil;;;\n"
        "ORG:/etc/passwd\nTEL;TYPE=CELL:+31612340000\nEND:VCARD\n"
    )
    assert import_contacts(handbook, vcard.encode(), ".vcf") == "imported"
    names = {c.name for c in handbook.contacts.all()}
    assert "../../../../tmp/evil" in names
    sample = (ROOT / "playbooks" / "generic.en.md").read_text(encoding="utf-8")
    evil = sample.replace("id: generic", "id: ../../evil", 1)
    outcome = add_playbook(handbook, evil.encode(), name="..%2F..%2Fevil.md")
    assert outcome in ("added", "rejected")
    assert not (handbook.path.parent.parent / "evil").exists()
    assert not Path("/tmp/evil").exists()


def test_a_handbook_stays_sound_after_all_that(handbook: Services) -> None:
    assert check_handbook(handbook.ctx.handbook.conn).ok
