"""A realistic incident written through the services, for export and signing tests."""

from __future__ import annotations

from datetime import timedelta

from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.events import LogEntryKind
from crisisdesk.services.handbook import Services
from crisisdesk.store import contacts_repo
from tests.support.sample_playbook import sample_playbook

TEXTS = (
    "Bestanden op de fileserver hebben extensie .lökbit; losgeldbericht gevonden",
    "Besluit: VLAN 20 wordt geïsoleerd — Zoë bevestigt",
    "Verzekeraar gebeld, dossier 2026-Ø17",
)


def write_incident(services: Services, clock: FixedClock, *, extra_entries: int = 0) -> str:
    playbook = sample_playbook(deadlines=("gdpr-33", "nis2"))
    incidents = services.incidents
    incident = incidents.start(
        title="Ransomware op fileserver — oefening",
        playbook=playbook,
        severity="critical",
        exercise=True,
        lead="Zoë de Vries",
        detected_at=clock.now() - timedelta(minutes=20),
    )
    clock.advance(timedelta(minutes=1))
    first = incidents.log(incident, TEXTS[0], LogEntryKind.OBSERVATION)
    clock.advance(timedelta(minutes=5))
    incidents.log(
        incident, TEXTS[1], LogEntryKind.DECISION, happened_at=clock.now() - timedelta(minutes=4)
    )
    clock.advance(timedelta(minutes=1))
    incidents.correct(incident, first.id, "Extensie is .lockbit (typfout)")
    incidents.clock_check(incident, clock.now() + timedelta(seconds=42), source="telefoon (KPN)")
    contact = contacts_repo.list_contacts(services.ctx.handbook.conn)[0]
    clock.advance(timedelta(minutes=2))
    incidents.record_call(incident, contact.id, "reached", note=TEXTS[2])
    incidents.add_scope(incident, "system", "fs01.noordhaven.local", "isolated", "VLAN 20")
    first_item = playbook.incident_phases[0].items[0]
    incidents.check(incident, first_item.id)
    incidents.not_applicable(
        incident, playbook.incident_phases[0].items[1].id, "geen VPN in gebruik"
    )
    incidents.set_moment(incident, "aware", clock.now() - timedelta(minutes=10))
    incidents.move_phase(incident)
    for n in range(extra_entries):
        clock.advance(timedelta(seconds=20))
        incidents.log(incident, f"Routine entry {n + 1}: status unchanged on fs{n % 7:02d}")
    clock.advance(timedelta(minutes=3))
    return incident
