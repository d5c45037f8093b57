"""A ransomware exercise run for four hours with a fixed clock, then evaluated: the
data for report, GUI and CLI tests of aftercare."""

from __future__ import annotations

from datetime import date, timedelta

from crisisdesk.domain.actions import LinkKind
from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.events import LogEntryKind
from crisisdesk.services.handbook import Services

M = timedelta(minutes=1)


def run_exercise(s: Services, clock: FixedClock, *, close: bool = True) -> str:
    """Returns the incident id of an exercise with phases, calls, decisions, messages."""
    iid = s.exercises.start("ransomware", language="en", scenario_id="default")
    inc = s.incidents
    s.exercises.deliver_due(iid)
    clock.advance(10 * M)
    s.exercises.deliver_due(iid)
    inc.log(iid, "Ransom note README_RESTORE.txt on every share")
    lead = inc.find_contact("Jan de Vries")
    it = inc.find_contact("Pieter Bakker")
    comms = inc.find_contact("Lotte Smit")
    inc.record_call(iid, lead.id, "reached")
    inc.record_call(iid, it.id, "no-answer")
    clock.advance(5 * M)
    inc.record_call(iid, it.id, "reached")
    inc.record_call(iid, comms.id, "voicemail")
    inc.set_moment(iid, "aware")
    inc.check(iid, "record-detection")
    inc.check(iid, "activate-team")
    clock.advance(15 * M)
    s.exercises.deliver_due(iid)
    inc.log(iid, "Disconnect the file servers and the ERP server", kind=LogEntryKind.DECISION)
    inc.add_scope(iid, "system", "File server FS01", "confirmed")
    clock.advance(20 * M)
    inc.move_phase(iid)  # identification done at +0:50
    inc.set_scope_status(iid, "File server FS01", "isolated")
    clock.advance(25 * M)
    s.exercises.deliver_due(iid)
    message = s.messages.fill(iid, "internal")
    s.messages.mark_sent(iid, message, "intranet and SMS")
    clock.advance(35 * M)
    inc.log(iid, "Pay no ransom; restore from the immutable backup", kind=LogEntryKind.DECISION)
    clock.advance(10 * M)
    inc.move_phase(iid)  # isolation done at +2:00
    clock.advance(30 * M)
    s.exercises.deliver_due(iid)
    inc.mark_notice_sent(iid, "nis2-early-warning")
    clock.advance(50 * M)
    inc.move_phase(iid)  # recovery done at +3:20
    clock.advance(25 * M)
    inc.move_phase(iid)
    clock.advance(15 * M)
    if close:
        inc.close(iid, "Exercise ended")
    s.evaluation.save(
        iid,
        s.evaluation.get(iid).what_happened,
        "The call tree reached the crisis lead within 5 minutes.\n\nThe backups were intact.",
        "The IT lead's backup did not answer; the communications voicemail was full.",
    )
    s.evaluation.add_action(
        "Add a second backup for the IT lead to the call tree",
        owner="Jan de Vries",
        due=date(2026, 4, 30),
        incident_id=iid,
        link_kind=LinkKind.PLAN_SECTION,
        link_ref="team",
    )
    s.evaluation.add_action(
        "Check that remote access is switched off in the isolation checklist",
        owner="Pieter Bakker",
        incident_id=iid,
        link_kind=LinkKind.PLAYBOOK_ITEM,
        link_ref="ransomware:activate-team",
    )
    return iid
