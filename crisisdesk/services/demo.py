"""Fill a new handbook with the demo organisation (see demo_data)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from crisisdesk.domain.clock import Clock, to_iso
from crisisdesk.domain.contacts import CallTreeEdge, Channel, ChannelKind, Contact, Role
from crisisdesk.domain.ids import new_id
from crisisdesk.domain.plan import PlanSection
from crisisdesk.interchange.phones import normalise
from crisisdesk.services import demo_data as data
from crisisdesk.store import contacts_repo, plan_repo, settings_repo


def _phone(kind: str, value: str) -> Channel:
    return Channel(kind=kind, value=value, e164=normalise(value, data.COUNTRY))


def fill(conn: sqlite3.Connection, clock: Clock) -> None:
    now = clock.now()
    stamp = to_iso(now)
    today = now.date()
    settings_repo.set_setting(conn, "organisation.name", data.ORGANISATION)
    settings_repo.set_setting(conn, "organisation.country", data.COUNTRY)
    settings_repo.set_setting(conn, "plan.owner", "Jan de Vries")
    settings_repo.set_setting(conn, "plan.version", "3.2")
    settings_repo.set_setting(conn, "plan.last_reviewed", (today - timedelta(days=290)).isoformat())
    ids: dict[str, str] = {}
    for n, (key, name, title, dept, mobile, landline, email) in enumerate(data.PEOPLE):
        ids[key] = new_id()
        # A few contacts have not been verified for a long time, as in real life.
        verified = today - timedelta(days=30 + (n * 37) % 260)
        contacts_repo.insert_contact(
            conn,
            Contact(
                id=ids[key],
                name=name,
                organisation=data.ORGANISATION,
                job_title=title,
                internal=True,
                labels=(dept,),
                channels=(
                    _phone(ChannelKind.MOBILE, mobile),
                    _phone(ChannelKind.LANDLINE, landline),
                    Channel(kind=ChannelKind.EMAIL, value=email),
                ),
                last_verified=verified,
            ),
            stamp,
        )
    for key, name, org, purpose, phone, email, notes in data.EXTERNAL:
        ids[key] = new_id()
        channels = [_phone(ChannelKind.LANDLINE, phone)]
        if email:
            channels.append(Channel(kind=ChannelKind.EMAIL, value=email))
        contacts_repo.insert_contact(
            conn,
            Contact(
                id=ids[key],
                name=name,
                kind="organisation",
                organisation=org,
                job_title=purpose,
                internal=False,
                labels=("external",),
                channels=tuple(channels),
                notes=notes,
                availability="24/7"
                if key in ("ir", "insurer", "police", "isp")
                else "office hours",
                last_verified=today - timedelta(days=60),
            ),
            stamp,
        )
    for pos, (key, name, description, members) in enumerate(data.ROLES):
        contacts_repo.insert_role(
            conn,
            Role(
                id=new_id(),
                key=key,
                name=name,
                description=description,
                position=pos,
                members=tuple(ids[m] for m in members),
            ),
        )
    positions: dict[str | None, int] = {}
    for caller, callee, backup in data.CALL_TREE:
        pos = positions[caller] = positions.get(caller, -1) + 1
        contacts_repo.insert_call_edge(
            conn,
            CallTreeEdge(
                id=new_id(),
                caller_id=ids[caller] if caller else None,
                callee_id=ids[callee],
                backup_id=ids[backup] if backup else None,
                position=pos,
            ),
        )
    for pos, (key, title, body) in enumerate(data.PLAN):
        plan_repo.upsert_section(
            conn, PlanSection(id=new_id(), key=key, title=title, body=body, position=pos), stamp
        )
