"""`incident ...`: run a whole incident from the command line (same services as the GUI)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from crisisdesk.cli.common import EXIT_OK, add_json_flag, opened, print_json
from crisisdesk.domain.clock import format_duration, parse_iso, to_iso
from crisisdesk.domain.deadlines import Deadline, Moment
from crisisdesk.domain.errors import CrisisdeskError, NotFound
from crisisdesk.domain.event_text import category_label, category_of, describe
from crisisdesk.domain.events import Event, LogEntryKind
from crisisdesk.domain.i18n import _
from crisisdesk.domain.incident import SEVERITIES
from crisisdesk.domain.labels import (
    call_outcome_label,
    deadline_status_label,
    incident_status_label,
    must_label,
    scope_kind_label,
    scope_status_label,
    severity_label,
)
from crisisdesk.domain.playbook import CRISIS_TYPES, Playbook
from crisisdesk.domain.projection import CallOutcome, IncidentState, ScopeKind, ScopeStatus
from crisisdesk.services.handbook import Services


def iso_time(text: str) -> datetime:
    """argparse type for TIME arguments: ISO-8601; a bad one is a usage error (exit 2)."""
    try:
        return parse_iso(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _incident_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("incident", metavar="ID", help=_("incident id (or its first characters)"))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    top = sub.add_parser("incident", help=_("start and run incidents"))
    cmds = top.add_subparsers(dest="incident_command", metavar="ACTION", required=True)

    p = cmds.add_parser("start", help=_("start an incident; prints its id"))
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--playbook", metavar="ID", help=_("playbook id, e.g. ransomware"))
    which.add_argument(
        "--playbook-file",
        metavar="FILE.json",
        help=_("a playbook saved as JSON (as frozen into an incident), for scripted exercises"),
    )
    p.add_argument("--title", required=True)
    p.add_argument("--severity", choices=SEVERITIES, default="high")
    p.add_argument("--type", dest="crisis_type", choices=CRISIS_TYPES)
    p.add_argument("--exercise", action="store_true", help=_("mark it as an exercise"))
    p.add_argument("--detected-at", type=iso_time, metavar="TIME")
    p.add_argument("--lead", default="", help=_("who leads (default: you)"))
    p.add_argument("--language", help=_("playbook language (en, nl)"))
    p.add_argument(
        "--deadline",
        action="append",
        metavar="KEY",
        help=_(
            "enable a deadline (gdpr-33, gdpr-34, nis2, dora, or your own); repeatable; "
            "default: the playbook's suggestions"
        ),
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_start)

    p = cmds.add_parser("list", help=_("list incidents"))
    add_json_flag(p)
    p.set_defaults(func=cmd_list)

    p = cmds.add_parser("show", help=_("show an incident's state"))
    _incident_arg(p)
    p.add_argument("--log", action="store_true", help=_("also print the whole log"))
    add_json_flag(p)
    p.set_defaults(func=cmd_show)

    p = cmds.add_parser("log", help=_("add a log entry"))
    _incident_arg(p)
    p.add_argument("text")
    p.add_argument("--kind", choices=LogEntryKind.ALL, default=LogEntryKind.OBSERVATION)
    p.add_argument("--at", type=iso_time, metavar="TIME", help=_("when it happened"))
    add_json_flag(p)
    p.set_defaults(func=cmd_log)

    p = cmds.add_parser("correct", help=_("correct an earlier event (both stay in the log)"))
    _incident_arg(p)
    p.add_argument("event", metavar="EVENT", help=_("event number (#) or id"))
    p.add_argument("text")
    add_json_flag(p)
    p.set_defaults(func=cmd_correct)

    p = cmds.add_parser("check", help=_("tick a checklist item (or n/a, note, assign, undo)"))
    _incident_arg(p)
    p.add_argument("item", metavar="ITEM", help=_("item id, e.g. isolation.3"))
    p.add_argument("--na", metavar="REASON", help=_("mark not applicable, with the reason"))
    p.add_argument("--note", metavar="TEXT", help=_("add a note (without ticking)"))
    p.add_argument("--assign", metavar="OWNER", help=_("assign an owner (without ticking)"))
    p.add_argument("--undo", action="store_true", help=_("reopen a ticked item"))
    add_json_flag(p)
    p.set_defaults(func=cmd_check)

    p = cmds.add_parser("phase", help=_("move to the next phase or a named one"))
    _incident_arg(p)
    p.add_argument("phase", metavar="next|PHASE")
    add_json_flag(p)
    p.set_defaults(func=cmd_phase)

    p = cmds.add_parser("call", help=_("record a call and its outcome"))
    _incident_arg(p)
    p.add_argument("contact", metavar="CONTACT", help=_("contact id or (unique) name"))
    p.add_argument("--outcome", required=True, choices=CallOutcome.ALL)
    p.add_argument("--note", default="")
    p.add_argument("--at", type=iso_time, metavar="TIME")
    add_json_flag(p)
    p.set_defaults(func=cmd_call)

    p = cmds.add_parser("scope", help=_("add to the scope register or change a status"))
    _incident_arg(p)
    actions = p.add_subparsers(dest="scope_action", metavar="add|status", required=True)
    a = actions.add_parser("add", help=_("add a system, device, user or data set"))
    a.add_argument("kind", choices=ScopeKind.ALL)
    a.add_argument("name")
    a.add_argument("--status", choices=ScopeStatus.ALL, default=ScopeStatus.SUSPECTED)
    a.add_argument("--note", default="")
    add_json_flag(a)
    a = actions.add_parser("status", help=_("change the status of an entry"))
    a.add_argument("name", help=_("name (or id) of the entry"))
    a.add_argument("status", choices=ScopeStatus.ALL)
    a.add_argument("--note", default="")
    add_json_flag(a)
    p.set_defaults(func=cmd_scope)

    p = cmds.add_parser("clock-check", help=_("log the laptop clock against a trusted time"))
    _incident_arg(p)
    p.add_argument("--trusted", type=iso_time, required=True, metavar="TIME")
    p.add_argument("--source", default="", help=_("e.g. phone, radio"))
    p.add_argument(
        "--laptop", type=iso_time, metavar="TIME", help=_("laptop time when read (default: now)")
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_clock_check)

    p = cmds.add_parser("deadline", help=_("show deadlines; enable one; record moments; sent"))
    _incident_arg(p)
    actions = p.add_subparsers(dest="deadline_action", metavar="ACTION")
    for name, text in (("enable", _("enable a deadline")), ("disable", _("disable a deadline"))):
        a = actions.add_parser(name, help=text)
        a.add_argument("key", help=_("gdpr-33, gdpr-34, nis2, dora or your own rule's key"))
        add_json_flag(a)
    for moment in Moment.SETTABLE:
        a = actions.add_parser(moment, help=_("record the moment '{m}'").format(m=moment))
        a.add_argument("--at", type=iso_time, metavar="TIME")
        add_json_flag(a)
    a = actions.add_parser("sent", help=_("mark a notice as sent"))
    a.add_argument("notice", help=_("e.g. gdpr-33, nis2-early-warning, dora-initial"))
    a.add_argument("--at", type=iso_time, metavar="TIME")
    a.add_argument("--note", default="")
    add_json_flag(a)
    add_json_flag(p)
    p.set_defaults(func=cmd_deadline)

    p = cmds.add_parser("rules", help=_("list the organisation's own deadline rules"))
    add_json_flag(p)
    p.set_defaults(func=cmd_rules)

    p = cmds.add_parser("add-rule", help=_("add an organisation deadline rule"))
    p.add_argument("key", help=_("short key, e.g. insurer"))
    p.add_argument("--name", required=True, help=_("e.g. Notify the cyber insurer"))
    p.add_argument(
        "--trigger", choices=Moment.ALL, required=True, help=_("the moment the deadline runs from")
    )
    p.add_argument("--hours", type=float, required=True)
    p.add_argument("--description", default="")
    p.set_defaults(func=cmd_add_rule)

    p = cmds.add_parser("close", help=_("close the incident (it becomes read-only)"))
    _incident_arg(p)
    p.add_argument("--summary", default="")
    add_json_flag(p)
    p.set_defaults(func=cmd_close)


# -- helpers ------------------------------------------------------------------------
def load_playbook_file(path: Path) -> Playbook:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Playbook.from_dict(data)
    except OSError as exc:
        raise CrisisdeskError(f"{path}: cannot be read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise CrisisdeskError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CrisisdeskError(f"{path}: not a playbook ({type(exc).__name__}: {exc})") from None


def _event_json(event: Event) -> dict[str, Any]:
    record = event.to_record()
    record["text"] = describe(event)
    record["category"] = category_of(event)
    return record


def _done(args: argparse.Namespace, event: Event, extra: dict[str, Any] | None = None) -> int:
    if args.json:
        data = _event_json(event)
        data.update(extra or {})
        print_json(data)
    else:
        print(f"#{event.seq} {_local(event.occurred_at)} {describe(event)}")
    return EXIT_OK


def _local(text: str | None) -> str:
    if not text:
        return "-"
    return parse_iso(text).astimezone().strftime("%Y-%m-%d %H:%M")


def _dt(value: datetime | None) -> str | None:
    return to_iso(value) if value is not None else None


def _deadline_json(d: Deadline) -> dict[str, Any]:
    return {
        "key": d.key,
        "regime": d.regime,
        "name": d.name,
        "status": d.status,
        "due_at": _dt(d.due_at),
        "remaining_seconds": d.remaining.total_seconds() if d.remaining is not None else None,
        "sent_at": _dt(d.sent_at),
        "runs_from": d.runs_from,
        "assumed": d.assumed,
    }


def state_json(services: Services, state: IncidentState) -> dict[str, Any]:
    now = services.ctx.clock.now()
    summary = services.incidents.get(state.incident_id)
    cascade = services.incidents.cascade(state.incident_id, state)
    check = state.last_clock_check
    return {
        "id": state.incident_id,
        "title": state.title,
        "status": summary.status,
        "crisis_type": state.crisis_type,
        "severity": state.severity,
        "exercise": state.exercise,
        "lead": state.lead,
        "playbook": {
            "id": summary.playbook_id,
            "version": summary.playbook_version,
            "language": summary.language,
        },
        "detected_at": _dt(state.detected_at),
        "started_at": _dt(state.started_at),
        "closed_at": _dt(state.closed_at),
        "elapsed_seconds": state.elapsed(now).total_seconds(),
        "event_count": state.event_count,
        "current_phase": state.current_phase,
        "phases": [
            {
                "key": p.key,
                "title": p.title,
                "started_at": _dt(p.started_at),
                "ended_at": _dt(p.ended_at),
                "duration_seconds": p.duration(now).total_seconds(),
                "current": p.key == state.current_phase,
            }
            for p in state.phases
        ],
        "items": [
            {
                "id": s.item.id,
                "phase": s.phase_key,
                "text": s.item.text,
                "must": s.item.must,
                "status": s.status,
                "by": s.by,
                "at": _dt(s.at),
                "reason": s.reason,
                "owner": s.owner or s.item.owner_role or "",
                "due_at": _dt(s.due_at),
                "overdue": s.overdue(now),
                "notes": [{"at": _dt(n.at), "author": n.author, "text": n.text} for n in s.notes],
            }
            for s in state.items.values()
        ],
        "calls": {
            "reached": cascade.reached,
            "pending": cascade.pending,
            "rows": [
                {
                    "contact_id": r.contact_id,
                    "name": r.name,
                    "depth": r.depth,
                    "outcome": r.last.outcome if r.last else None,
                    "at": _dt(r.last.at) if r.last else None,
                    "reached": r.reached,
                    "backup": r.backup_name or None,
                }
                for r in cascade.rows
            ],
        },
        "scope": [
            {
                "id": e.id,
                "kind": e.kind,
                "name": e.name,
                "status": e.status,
                "changed_at": _dt(e.changed_at),
            }
            for e in state.scope.values()
        ],
        "clock_check": None
        if check is None
        else {
            "laptop_time": _dt(check.laptop_time),
            "trusted_time": _dt(check.trusted_time),
            "offset_seconds": check.offset.total_seconds(),
            "source": check.source,
        },
        "deadlines": [
            _deadline_json(d) for d in services.incidents.deadlines(state.incident_id, state)
        ],
        "corrections": state.corrections,
    }


def _print_state(services: Services, state: IncidentState) -> None:
    data = state_json(services, state)
    now = services.ctx.clock.now()
    banner = _("EXERCISE") + " ▸ " if state.exercise else ""
    print(
        banner
        + _("{title} · severity {severity} · lead: {lead} · {status}").format(
            title=state.title,
            severity=severity_label(state.severity).upper(),
            lead=state.lead,
            status=incident_status_label(str(data["status"])),
        )
    )
    print(
        _("id {id} · {elapsed} since detection · {n} events").format(
            id=state.incident_id, elapsed=format_duration(state.elapsed(now)), n=state.event_count
        )
    )
    for phase in state.phases:
        mark = "●" if phase.key == state.current_phase else ("✓" if phase.ended_at else " ")
        started = _local(_dt(phase.started_at)) if phase.started_at else "-"
        print(f"  {mark} {phase.title:<16} {started:<17} {format_duration(phase.duration(now))}")
    current = state.current_phase or ""
    items = state.phase_items(current)
    done = sum(1 for s in items if not s.is_open)
    print(
        _("Checklist {phase}: {done}/{total} done").format(
            phase=current, done=done, total=len(items)
        )
    )
    for s in items:
        box = {"open": "[ ]", "done": "[x]", "n/a": "[-]"}[s.status]
        extra = []
        if s.item.must:
            extra.append(must_label())
        if s.overdue(now):
            extra.append(_("OVERDUE"))
        if s.by:
            extra.append(f"{s.by} {_local(_dt(s.at))}")
        if s.reason:
            extra.append(_("n/a: {reason}").format(reason=s.reason))
        print(f"  {box} {s.item.id:<18} {s.item.text}  {' · '.join(extra)}")
    calls = data["calls"]
    print(_("Calls: {r} reached, {p} pending").format(r=calls["reached"], p=calls["pending"]))
    for entry in state.scope.values():
        print(
            "  "
            + _("scope: {kind} {name}: {status} ({at})").format(
                kind=scope_kind_label(entry.kind),
                name=entry.name,
                status=scope_status_label(entry.status),
                at=_local(_dt(entry.changed_at)),
            )
        )
    for d in services.incidents.deadlines(state.incident_id, state):
        left = format_duration(d.remaining) if d.remaining is not None else ""
        print(
            "  "
            + _("deadline: {name}: {status} {due} {left}").format(
                name=d.name,
                status=deadline_status_label(d.status).upper(),
                due=_local(_dt(d.due_at)) if d.due_at else "",
                left=left,
            )
        )


# -- commands -----------------------------------------------------------------------
def cmd_start(args: argparse.Namespace) -> int:
    with opened(args) as services:
        if args.playbook_file:
            playbook = load_playbook_file(Path(args.playbook_file))
        else:
            playbook = services.playbooks.get(args.playbook, language=args.language)
        incident_id = services.incidents.start(
            title=args.title,
            playbook=playbook,
            severity=args.severity,
            exercise=args.exercise,
            detected_at=args.detected_at,
            lead=args.lead,
            crisis_type=args.crisis_type,
            deadlines=args.deadline,
        )
        if args.json:
            print_json(state_json(services, services.incidents.state(incident_id)))
        else:
            print(incident_id)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        incidents = services.incidents.all()
        if args.json:
            print_json([i.__dict__ for i in incidents])
            return EXIT_OK
        if not incidents:
            print(
                _(
                    "No incidents yet. Start one with: crisisdesk incident start --playbook ID --title T"
                )
            )
        for i in incidents:
            flag = _("EXERCISE ") if i.exercise else ""
            print(
                f"{i.id}  {i.status:<6} {_local(i.declared_at)}  {flag}{i.title} "
                + _("({severity}, {phase}, {n} events)").format(
                    severity=i.severity, phase=i.current_phase or "-", n=i.event_count
                )
            )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        incident_id = services.incidents.resolve(args.incident)
        state = services.incidents.state(incident_id)
        if args.json:
            data = state_json(services, state)
            if args.log:
                data["log"] = [_event_json(e) for e in services.incidents.events(incident_id)]
            print_json(data)
            return EXIT_OK
        _print_state(services, state)
        if args.log:
            for e in services.incidents.events(incident_id):
                label = category_label(category_of(e))
                link = f" (→ #{e.payload.get('corrects_seq')})" if e.corrects else ""
                print(
                    f"#{e.seq:<5} {_local(e.occurred_at)} {label:<13} {describe(e)}{link} — {e.author}"
                )
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    with opened(args) as services:
        iid = services.incidents.resolve(args.incident)
        return _done(args, services.incidents.log(iid, args.text, args.kind, args.at))


def cmd_correct(args: argparse.Namespace) -> int:
    with opened(args) as services:
        iid = services.incidents.resolve(args.incident)
        target = args.event.lstrip("#")
        if target.isdigit():
            page = services.incidents.log_page(iid, limit=1, after_seq=int(target) - 1)
            if not page or page[0].seq != int(target):
                raise NotFound(_("no event #{n} in this incident").format(n=target))
            target = page[0].id
        return _done(args, services.incidents.correct(iid, target, args.text))


def cmd_check(args: argparse.Namespace) -> int:
    with opened(args) as services:
        iid = services.incidents.resolve(args.incident)
        inc = services.incidents
        events = []
        if args.note:
            events.append(inc.note(iid, args.item, args.note))
        if args.assign:
            events.append(inc.assign(iid, args.item, args.assign))
        if args.na is not None:
            events.append(inc.not_applicable(iid, args.item, args.na))
        elif args.undo:
            events.append(inc.uncheck(iid, args.item))
        elif not (args.note or args.assign):
            events.append(inc.check(iid, args.item))
        for event in events[:-1]:
            if not args.json:
                print(f"#{event.seq} {describe(event)}")
        return _done(args, events[-1])


def cmd_phase(args: argparse.Namespace) -> int:
    with opened(args) as services:
        iid = services.incidents.resolve(args.incident)
        return _done(args, services.incidents.move_phase(iid, args.phase))


def cmd_call(args: argparse.Namespace) -> int:
    with opened(args) as services:
        iid = services.incidents.resolve(args.incident)
        contact = services.incidents.find_contact(args.contact)
        result = services.incidents.record_call(iid, contact.id, args.outcome, args.note, args.at)
        backup = result.backup
        code = _done(
            args,
            result.event,
            {"backup": {"id": backup.id, "name": backup.name} if backup else None},
        )
        if backup is not None and not args.json:
            phones = ", ".join(c.value for c in backup.channels if c.is_phone)
            print(
                _("{name}: {outcome}. Call the backup: {backup} {phones}").format(
                    name=contact.name,
                    outcome=call_outcome_label(args.outcome),
                    backup=backup.name,
                    phones=phones,
                )
            )
        return code


def cmd_scope(args: argparse.Namespace) -> int:
    with opened(args) as services:
        iid = services.incidents.resolve(args.incident)
        if args.scope_action == "add":
            event = services.incidents.add_scope(iid, args.kind, args.name, args.status, args.note)
        else:
            event = services.incidents.set_scope_status(iid, args.name, args.status, args.note)
        return _done(args, event)


def cmd_clock_check(args: argparse.Namespace) -> int:
    with opened(args) as services:
        iid = services.incidents.resolve(args.incident)
        return _done(
            args, services.incidents.clock_check(iid, args.trusted, args.source, args.laptop)
        )


def cmd_deadline(args: argparse.Namespace) -> int:
    action = args.deadline_action
    with opened(args, read_only=action is None) as services:
        iid = services.incidents.resolve(args.incident)
        inc = services.incidents
        if action is None:
            deadlines = inc.deadlines(iid)
            if args.json:
                print_json([_deadline_json(d) for d in deadlines])
                return EXIT_OK
            if not deadlines:
                print(
                    _("No deadlines enabled. Enable one with: incident deadline ID enable gdpr-33")
                )
            for d in deadlines:
                left = format_duration(d.remaining) if d.remaining is not None else ""
                due = _local(_dt(d.due_at)) if d.due_at else "-"
                print(
                    f"{d.key:<20} {d.status.upper():<9} "
                    + _("due {due}").format(due=f"{due:<17}")
                    + f" {left:>8}  {d.name}"
                    + (_(" (from detection: awareness not recorded)") if d.assumed else "")
                )
            return EXIT_OK
        if action in ("enable", "disable"):
            event = inc.enable_deadline(iid, args.key, enabled=action == "enable")
        elif action in Moment.SETTABLE:
            event = inc.set_moment(iid, action, args.at)
        else:
            event = inc.mark_notice_sent(iid, args.notice, args.at, args.note)
        return _done(args, event)


def cmd_close(args: argparse.Namespace) -> int:
    with opened(args) as services:
        iid = services.incidents.resolve(args.incident)
        return _done(args, services.incidents.close(iid, args.summary))


def cmd_rules(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        rules = services.incidents.deadline_rules()
        if args.json:
            print_json([r.__dict__ for r in rules])
            return EXIT_OK
        if not rules:
            print(_("No deadline rules of your own. Add one with: incident add-rule KEY ..."))
        for r in rules:
            after = _("{hours:g} h after {moment}").format(hours=r.hours, moment=r.trigger)
            print(f"{r.key:<16} {after:<24} {r.name}")
    return EXIT_OK


def cmd_add_rule(args: argparse.Namespace) -> int:
    with opened(args) as services:
        services.incidents.add_deadline_rule(
            args.key, args.name, args.trigger, args.hours, args.description
        )
        print(
            _(
                "Added deadline rule {key}; enable it per incident with: "
                "incident deadline ID enable {key}"
            ).format(key=args.key)
        )
    return EXIT_OK
