"""Disk full and read-only media: a clean SaveFailed, nothing half-written, recovery."""

from __future__ import annotations

import sqlite3

import pytest

from crisisdesk.domain.errors import CrisisdeskError, SaveFailed
from crisisdesk.domain.events import verify_chain
from crisisdesk.services.handbook import Services
from crisisdesk.store.checks import check_handbook
from crisisdesk.store.database import medium_problem
from crisisdesk.store.incidents_repo import iter_events


def start_incident(services: Services) -> str:
    return services.incidents.start(title="Outage", playbook=services.playbooks.get("generic"))


def log(services: Services, incident: str, text: str) -> None:
    services.incidents.log(incident, text)


def events_text(services: Services, incident: str) -> list[str]:
    return [
        e.payload["text"]
        for e in iter_events(services.ctx.handbook.conn, incident)
        if e.kind == "log.entry"
    ]


def assert_consistent(services: Services, incident: str) -> None:
    conn = services.ctx.handbook.conn
    assert check_handbook(conn).ok, check_handbook(conn).problems
    report = verify_chain(iter_events(conn, incident))
    assert report.ok
    count = conn.execute("SELECT event_count FROM incidents WHERE id=?", (incident,)).fetchone()
    assert count[0] == report.count


def test_disk_full_fails_cleanly_writes_nothing_and_recovers(services: Services) -> None:
    incident = start_incident(services)
    log(services, incident, "before the disk filled up")
    conn = services.ctx.handbook.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    # The file may not grow any more: exactly what a full disk does to SQLite.
    conn.execute(f"PRAGMA max_page_count = {pages}")
    big = "x" * 20000  # needs new pages
    with pytest.raises(SaveFailed) as info:
        log(services, incident, big)
    message = str(info.value)
    assert "disk is full" in message and "Nothing of this action was written" in message
    assert str(services.path) in message
    assert isinstance(info.value, CrisisdeskError)
    assert not conn.in_transaction
    assert events_text(services, incident) == ["before the disk filled up"]
    assert_consistent(services, incident)
    # space returns: the same entry saves, and the chain carries on
    conn.execute("PRAGMA max_page_count = 1073741823")
    log(services, incident, big)
    assert events_text(services, incident) == ["before the disk filled up", big]
    assert_consistent(services, incident)


def test_read_only_media_fails_cleanly_and_recovers(services: Services) -> None:
    incident = start_incident(services)
    conn = services.ctx.handbook.conn
    conn.execute("PRAGMA query_only = 1")  # what SQLite reports for read-only media
    with pytest.raises(SaveFailed, match="read-only") as info:
        log(services, incident, "typed while the stick was write-protected")
    assert "Nothing of this action was written" in str(info.value)
    assert events_text(services, incident) == []
    conn.execute("PRAGMA query_only = 0")
    log(services, incident, "typed while the stick was write-protected")
    assert events_text(services, incident) == ["typed while the stick was write-protected"]
    assert_consistent(services, incident)


def test_settings_service_raises_save_failed_too(services: Services) -> None:
    services.ctx.handbook.conn.execute("PRAGMA query_only = 1")
    with pytest.raises(SaveFailed):
        services.settings.set("organisation.name", "X")
    services.ctx.handbook.conn.execute("PRAGMA query_only = 0")
    assert services.settings.get("organisation.name") == ""


def test_program_errors_are_not_disguised_as_disk_problems(services: Services) -> None:
    with pytest.raises(sqlite3.OperationalError, match="no such table"):  # noqa: SIM117
        with services.ctx.handbook.transaction() as conn:
            conn.execute("INSERT INTO nonsense VALUES (1)")
    assert medium_problem(sqlite3.OperationalError("plain")) is None
