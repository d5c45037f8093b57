"""Hostile backups: random, garbled and odd files never crash restore and never
half-restore. Either the handbook is replaced by a whole, checked copy, or it is left
byte for byte as it was, with a HandbookError that says why."""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.errors import HandbookError
from crisisdesk.services.backups import restore_handbook
from crisisdesk.services.handbook import check_file, init_handbook
from tests.unit.conftest import START

CLOCK = FixedClock(START)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A demo handbook and a good backup of it, copied fresh into each example."""
    folder = tmp_path_factory.mktemp("template")
    services = init_handbook(folder / "hb.db", demo=True, clock=CLOCK)
    services.settings.set("organisation.name", "Current")
    backup = services.backups.backup_now().primary.path
    services.close()
    yield folder / "hb.db", backup


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def attempt(template: tuple[Path, Path], make_backup: Callable[[Path, Path], None]) -> str:
    """Restore a hostile backup into a fresh copy of the handbook; check the invariant.

    Returns 'refused' or 'restored'.
    """
    hb_template, good = template
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        hb = folder / "hb.db"
        shutil.copyfile(hb_template, hb)
        hostile = folder / "incoming" / "backup.db"
        hostile.parent.mkdir()
        make_backup(hostile, good)
        before = hb.read_bytes()
        files_before = listing(folder)
        try:
            restore_handbook(hb, hostile, CLOCK)
        except HandbookError as exc:
            message = str(exc)
            assert message and "\n" not in message.strip()
            assert "Traceback" not in message
            assert hb.read_bytes() == before, "a refused restore must not touch the handbook"
            assert listing(folder) == files_before, "a refused restore leaves nothing behind"
            return "refused"
        # accepted: the handbook is now a whole copy that passes every check
        result = check_file(hb)
        assert result.ok, result.problems
        assert not any(p.name.endswith(".tmp") for p in folder.rglob("*"))
        return "restored"


# -- property: random bytes ---------------------------------------------------------


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=6000), with_header=st.booleans())
def test_random_bytes_are_refused_cleanly(template, data: bytes, with_header: bool) -> None:  # type: ignore[no-untyped-def]
    def make(path: Path, good: Path) -> None:
        path.write_bytes((b"SQLite format 3\x00" if with_header else b"") + data)

    assert attempt(template, make) == "refused"


# -- property: a good backup, garbled -----------------------------------------------


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    flips=st.lists(
        st.tuples(st.integers(min_value=0, max_value=400_000), st.integers(0, 255)),
        min_size=1,
        max_size=30,
    ),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=400_000)),
)
def test_garbled_backups_restore_whole_or_not_at_all(template, flips, cut) -> None:  # type: ignore[no-untyped-def]
    def make(path: Path, good: Path) -> None:
        data = bytearray(good.read_bytes())
        for offset, value in flips:
            if offset < len(data):
                data[offset] = value
        if cut is not None:
            data = data[: cut % (len(data) + 1)]
        path.write_bytes(bytes(data))

    assert attempt(template, make) in ("refused", "restored")


# -- a short fuzz corpus of odd files --------------------------------------------------


def _header(page_size: int, pages: int) -> bytes:
    header = bytearray(b"SQLite format 3\x00" + b"\x00" * 84)
    struct.pack_into(">H", header, 16, page_size)
    header[18] = header[19] = 1
    struct.pack_into(">I", header, 28, pages)
    return bytes(header)


def _sqlite_with(sql: list[str]) -> Callable[[Path, Path], None]:
    def make(path: Path, good: Path) -> None:
        conn = sqlite3.connect(path)
        for statement in sql:
            conn.execute(statement)
        conn.commit()
        conn.close()

    return make


def _copy_then(sql: list[str]) -> Callable[[Path, Path], None]:
    def make(path: Path, good: Path) -> None:
        shutil.copyfile(good, path)
        conn = sqlite3.connect(path)
        for statement in sql:
            conn.execute(statement)
        conn.commit()
        conn.close()

    return make


CORPUS: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "header only": (lambda p, g: p.write_bytes(b"SQLite format 3\x00"), "damaged"),
    "page size 0": (lambda p, g: p.write_bytes(_header(0, 1) + b"\x00" * 4000), "damaged"),
    "odd page size": (lambda p, g: p.write_bytes(_header(1000, 1) + b"\x00" * 4000), "damaged"),
    "huge page count": (
        lambda p, g: p.write_bytes(_header(4096, 2**31 - 1) + b"\x00" * 3996),
        "damaged",
    ),
    "good header, zero pages": (
        lambda p, g: p.write_bytes(g.read_bytes()[:100] + b"\x00" * 40000),
        "damaged",
    ),
    "compressed handbook": (lambda p, g: p.write_bytes(zlib.compress(g.read_bytes())), "not a"),
    "utf-16 text": (lambda p, g: p.write_bytes("handbook".encode("utf-16")), "not a"),
    "a folder": (lambda p, g: p.mkdir(), "is not a file"),
    "a fifo": (lambda p, g: os.mkfifo(p), "is not a file"),
    "symlink to nowhere": (lambda p, g: p.symlink_to(p.parent / "gone.db"), "no such"),
    "other app's database": (_sqlite_with(["CREATE TABLE songs (t)"]), "another application"),
    "our id, no tables": (
        _sqlite_with(["PRAGMA application_id = 1129468740", "PRAGMA user_version = 1"]),
        "table action_items, table call_tree, table channels missing",
    ),
    "newer schema": (_copy_then(["PRAGMA user_version = 99"]), "newer crisisdesk"),
    "negative schema": (_copy_then(["PRAGMA user_version = -1"]), "schema version -1"),
    "a table dropped": (_copy_then(["DROP TABLE action_items"]), "table action_items missing"),
    "append-only trigger dropped": (
        _copy_then(["DROP TRIGGER events_no_delete"]),
        "lacks trigger events_no_delete",
    ),
    "event edited": (
        _copy_then(
            [
                "INSERT INTO incidents(id, title, crisis_type, severity, playbook_id,"
                " playbook_version, language, playbook, detected_at, declared_at, event_count,"
                " head_hash) VALUES ('x', 'T', 'g', 'low', 'p', '1', 'en', '{}', 't', 't', 0,"
                " '0000000000000000000000000000000000000000000000000000000000000000')",
                "INSERT INTO events(id, incident_id, seq, kind, occurred_at, recorded_at, author,"
                " payload, prev_hash, hash) VALUES ('e', 'x', 1, 'log.entry', 't', 't', 'a', '{}',"
                " '0000000000000000000000000000000000000000000000000000000000000000', 'bad')",
            ]
        ),
        "fails its checks",
    ),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_fuzz_corpus(template, name: str) -> None:  # type: ignore[no-untyped-def]
    make, words = CORPUS[name]

    assert attempt(template, make) == "refused"
    # and the message names the problem
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "b.db"
        make(path, template[1])
        with pytest.raises(HandbookError, match=words):
            restore_handbook(Path(tmp) / "hb.db", path, CLOCK)
