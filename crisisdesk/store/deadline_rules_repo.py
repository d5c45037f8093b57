"""The organisation's own deadline rules (table deadline_rules)."""

from __future__ import annotations

import sqlite3

from crisisdesk.domain.deadlines import OrgRule
from crisisdesk.domain.ids import new_id


def list_rules(conn: sqlite3.Connection) -> list[OrgRule]:
    return [
        OrgRule(key=r[0], name=r[1], trigger=r[2], hours=float(r[3]), description=r[4])
        for r in conn.execute(
            "SELECT key, name, trigger, hours, description FROM deadline_rules ORDER BY name"
        )
    ]


def insert_rule(conn: sqlite3.Connection, rule: OrgRule) -> None:
    conn.execute(
        "INSERT INTO deadline_rules(id, key, name, trigger, hours, description)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (new_id(), rule.key, rule.name, rule.trigger, rule.hours, rule.description),
    )
