"""Numbered schema migrations, tracked in ``PRAGMA user_version``.

Each migration runs in one transaction together with the version bump, so a file is
always at exactly one version. Never edit a released migration: add the next one.
``tests/unit/test_migrations.py`` upgrades a file from every older version and compares
the result with a freshly created one.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable

# 'CRSD' as a big-endian 32-bit integer: marks an SQLite file as a crisisdesk handbook.
APPLICATION_ID = 0x43525344

Migration = Callable[[sqlite3.Connection], None]


def _v1_foundation(conn: sqlite3.Connection) -> None:
    """The whole handbook: settings, plan, contacts, roles, call tree, playbooks,
    incidents with their append-only event log, evaluations and action items."""
    statements = [
        # Handbook settings declared in crisisdesk.domain.settings; value is JSON.
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE plan_sections (
            id TEXT PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE contacts (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation')),
            name TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            job_title TEXT NOT NULL DEFAULT '',
            internal INTEGER NOT NULL DEFAULT 1,
            labels TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            availability TEXT NOT NULL DEFAULT '',
            last_verified TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX contacts_name ON contacts(name)",
        """CREATE TABLE channels (
            id TEXT PRIMARY KEY,
            contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('mobile', 'landline', 'email', 'other')),
            value TEXT NOT NULL,
            e164 TEXT,
            label TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX channels_contact ON channels(contact_id, position)",
        """CREATE TABLE roles (
            id TEXT PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        )""",
        # rank 0 is the primary, 1.. the backups in the order to try them.
        """CREATE TABLE role_members (
            role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            PRIMARY KEY (role_id, rank),
            UNIQUE (role_id, contact_id)
        )""",
        # caller_id NULL: the top of the tree, called by whoever activates it.
        """CREATE TABLE call_tree (
            id TEXT PRIMARY KEY,
            caller_id TEXT REFERENCES contacts(id) ON DELETE CASCADE,
            callee_id TEXT NOT NULL UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
            backup_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
            position INTEGER NOT NULL DEFAULT 0
        )""",
        # Every version of every playbook the organisation added; built-in ones are
        # read from the package and not stored unless customised.
        """CREATE TABLE playbooks (
            id TEXT PRIMARY KEY,
            playbook_id TEXT NOT NULL,
            language TEXT NOT NULL,
            version TEXT NOT NULL,
            title TEXT NOT NULL,
            crisis_type TEXT NOT NULL,
            last_reviewed TEXT NOT NULL,
            source TEXT NOT NULL,
            parsed TEXT NOT NULL,
            filename TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL,
            UNIQUE (playbook_id, language, version)
        )""",
        # The summary row of an incident: a cache of what its events say, updated in
        # the same transaction as the event that changes it.
        """CREATE TABLE incidents (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            crisis_type TEXT NOT NULL,
            severity TEXT NOT NULL,
            exercise INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            lead TEXT NOT NULL DEFAULT '',
            playbook_id TEXT NOT NULL,
            playbook_version TEXT NOT NULL,
            language TEXT NOT NULL,
            playbook TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            declared_at TEXT NOT NULL,
            closed_at TEXT,
            current_phase TEXT,
            event_count INTEGER NOT NULL DEFAULT 0,
            head_hash TEXT NOT NULL
        )""",
        # The append-only incident log. Never updated or deleted (see the triggers).
        """CREATE TABLE events (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            incident_id TEXT NOT NULL REFERENCES incidents(id),
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            author TEXT NOT NULL,
            payload TEXT NOT NULL,
            corrects TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (incident_id, seq)
        )""",
        "CREATE INDEX events_kind ON events(incident_id, kind)",
        """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
           BEGIN SELECT RAISE(ABORT, 'incident events are append-only'); END""",
        """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
           BEGIN SELECT RAISE(ABORT, 'incident events are append-only'); END""",
        """CREATE TABLE deadline_rules (
            id TEXT PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            trigger TEXT NOT NULL,
            hours REAL NOT NULL,
            description TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE evaluations (
            incident_id TEXT PRIMARY KEY REFERENCES incidents(id),
            what_happened TEXT NOT NULL DEFAULT '',
            what_worked TEXT NOT NULL DEFAULT '',
            what_to_improve TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE action_items (
            id TEXT PRIMARY KEY,
            incident_id TEXT REFERENCES incidents(id),
            text TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'done')),
            link_kind TEXT NOT NULL DEFAULT '',
            link_ref TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ]
    for statement in statements:
        conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (_v1_foundation,)
LATEST_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> list[int]:
    """Bring the file up to ``target``; returns the versions applied.

    The connection must be in autocommit mode (isolation_level None).
    """
    applied = []
    current = schema_version(conn)
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn)
            if version == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


@functools.lru_cache(maxsize=8)
def expected_schema(version: int) -> frozenset[tuple[str, str]]:
    """(type, name) of every table, index and trigger a file at ``version`` holds."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, target=version)
        return frozenset(_schema_names(conn))
    finally:
        conn.close()


def _schema_names(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    return {
        (str(r[0]), str(r[1]))
        for r in conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    }


def missing_schema(conn: sqlite3.Connection) -> list[str]:
    """Names of the tables, indexes and triggers missing from the file for its version."""
    version = schema_version(conn)
    missing = expected_schema(version) - _schema_names(conn)
    return sorted(f"{kind} {name}" for kind, name in missing)
