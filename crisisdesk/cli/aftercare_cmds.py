"""`exercise`, `evaluation`, `actions`, `messages`: training and aftercare from the shell."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from typing import Any

from crisisdesk.cli.common import EXIT_OK, add_json_flag, opened, print_json
from crisisdesk.domain.actions import ActionItem, ActionStatus, LinkKind
from crisisdesk.domain.clock import format_duration, parse_date, to_iso
from crisisdesk.domain.errors import NotFound
from crisisdesk.domain.evaluation import Figures, figure_rows, notice_rows
from crisisdesk.domain.event_text import describe
from crisisdesk.domain.events import Event
from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import action_status_label
from crisisdesk.domain.messages import MessageKind, format_time
from crisisdesk.domain.playbook import PLAYBOOK_LANGUAGES
from crisisdesk.services.exercises import DEFAULT_SCENARIO


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _register_exercise(sub)
    _register_evaluation(sub)
    _register_actions(sub)
    _register_messages(sub)


def _register_exercise(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    top = sub.add_parser("exercise", help=_("practise a playbook: exercises and scenarios"))
    cmds = top.add_subparsers(dest="exercise_command", metavar="ACTION", required=True)
    p = cmds.add_parser("start", help=_("start an exercise incident; prints its id"))
    p.add_argument("--playbook", required=True, metavar="ID", help=_("playbook id"))
    p.add_argument(
        "--scenario",
        nargs="?",
        const=DEFAULT_SCENARIO,
        metavar="ID",
        help=_("run a scenario's injects (without ID: the playbook's own scenario)"),
    )
    p.add_argument("--language", choices=PLAYBOOK_LANGUAGES)
    p.add_argument("--title", default="")
    p.add_argument("--lead", default="")
    add_json_flag(p)
    p.set_defaults(func=cmd_exercise_start)

    p = cmds.add_parser("tick", help=_("deliver the injects that are due now (logs each)"))
    p.add_argument("incident", metavar="ID")
    add_json_flag(p)
    p.set_defaults(func=cmd_exercise_tick)

    p = cmds.add_parser("status", help=_("show a scenario's progress"))
    p.add_argument("incident", metavar="ID")
    add_json_flag(p)
    p.set_defaults(func=cmd_exercise_status)

    p = cmds.add_parser("scenarios", help=_("list the scenario scripts"))
    add_json_flag(p)
    p.set_defaults(func=cmd_scenarios)


def _register_evaluation(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    top = sub.add_parser("evaluation", help=_("evaluate an incident or exercise"))
    cmds = top.add_subparsers(dest="evaluation_command", metavar="ACTION", required=True)
    p = cmds.add_parser("show", help=_("figures from the log and the evaluation text"))
    p.add_argument("incident", metavar="ID")
    add_json_flag(p)
    p.set_defaults(func=cmd_evaluation_show)
    p = cmds.add_parser("save", help=_("save the evaluation text (fields not given stay)"))
    p.add_argument("incident", metavar="ID")
    p.add_argument("--what-happened")
    p.add_argument("--what-worked")
    p.add_argument("--what-to-improve")
    p.set_defaults(func=cmd_evaluation_save)


def _register_actions(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    top = sub.add_parser("actions", help=_("improvement actions"))
    cmds = top.add_subparsers(dest="actions_command", metavar="ACTION", required=True)
    p = cmds.add_parser("list", help=_("list open actions (--all: also done ones)"))
    p.add_argument("--incident", metavar="ID")
    p.add_argument("--all", action="store_true")
    add_json_flag(p)
    p.set_defaults(func=cmd_actions_list)

    p = cmds.add_parser("add", help=_("add an action; prints its id"))
    p.add_argument("text")
    p.add_argument("--owner", default="")
    p.add_argument("--due", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--incident", metavar="ID")
    link = p.add_mutually_exclusive_group()
    link.add_argument("--plan-section", metavar="KEY", help=_("the plan section to change"))
    link.add_argument(
        "--playbook-item", metavar="PLAYBOOK:ITEM", help=_("the playbook item to change")
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_actions_add)

    for name, status in (("done", ActionStatus.DONE), ("start", ActionStatus.IN_PROGRESS)):
        p = cmds.add_parser(name, help=_("set an action's status to {s}").format(s=status))
        p.add_argument("action", metavar="ID", help=_("action id (or its first characters)"))
        p.set_defaults(func=cmd_actions_status, status=status)
    p = cmds.add_parser("reopen", help=_("set a done action back to open"))
    p.add_argument("action", metavar="ID")
    p.set_defaults(func=cmd_actions_status, status=ActionStatus.OPEN)


def _register_messages(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("messages", help=_("print a stakeholder message filled from an incident"))
    p.add_argument("incident", metavar="ID")
    p.add_argument("kind", choices=MessageKind.ALL)
    p.add_argument("--language", choices=PLAYBOOK_LANGUAGES)
    p.add_argument("--mark-sent", action="store_true", help=_("log that it was sent"))
    p.add_argument("--note", default="", help=_("with --mark-sent: to whom, how"))
    add_json_flag(p)
    p.set_defaults(func=cmd_messages)


# -- helpers ------------------------------------------------------------------------
def _local(when: datetime | None) -> str:
    if when is None:
        return "-"
    tz = datetime.now().astimezone().tzinfo
    assert tz is not None
    return format_time(when, tz)


def _span(value: timedelta | None) -> str:
    return format_duration(value) if value is not None else "-"


def _event_line(event: Event) -> str:
    return f"#{event.seq} {describe(event)}"


def _action_json(a: ActionItem) -> dict[str, Any]:
    return {
        "id": a.id,
        "text": a.text,
        "incident_id": a.incident_id,
        "owner": a.owner,
        "due": a.due,
        "status": a.status,
        "link_kind": a.link_kind,
        "link_ref": a.link_ref,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


def _seconds(value: timedelta | None) -> float | None:
    return value.total_seconds() if value is not None else None


def _iso(value: datetime | None) -> str | None:
    return to_iso(value) if value is not None else None


def figures_json(f: Figures) -> dict[str, Any]:
    return {
        "title": f.title,
        "exercise": f.exercise,
        "detected_at": _iso(f.detected_at),
        "closed_at": _iso(f.closed_at),
        "duration_seconds": _seconds(f.duration),
        "time_to_identify_seconds": _seconds(f.time_to_identify),
        "time_to_contain_seconds": _seconds(f.time_to_contain),
        "time_to_recover_seconds": _seconds(f.time_to_recover),
        "time_to_first_message_seconds": _seconds(f.time_to_first_message),
        "notices": [
            {
                "key": n.key,
                "name": n.name,
                "due_at": _iso(n.due_at),
                "sent_at": _iso(n.sent_at),
                "on_time": n.on_time,
                "margin_seconds": _seconds(n.margin),
            }
            for n in f.notices
        ],
        "calls_made": f.calls_made,
        "people_called": f.people_called,
        "people_reached": f.people_reached,
        "reach_rate": f.reach_rate,
        "items": {
            "done": f.items_done,
            "not_applicable": f.items_not_applicable,
            "open": f.items_open,
            "open_must": list(f.open_must_items),
        },
        "decisions": [{"at": to_iso(d.at), "text": d.text} for d in f.decisions],
    }


# -- commands -----------------------------------------------------------------------
def cmd_exercise_start(args: argparse.Namespace) -> int:
    with opened(args) as services:
        incident_id = services.exercises.start(
            args.playbook,
            language=args.language,
            scenario_id=args.scenario,
            title=args.title,
            lead=args.lead,
        )
        delivered = services.exercises.deliver_due(incident_id)
        if args.json:
            print_json({"id": incident_id, "delivered": [e.payload for e in delivered]})
        else:
            print(incident_id)
    return EXIT_OK


def cmd_exercise_tick(args: argparse.Namespace) -> int:
    with opened(args) as services:
        incident_id = services.incidents.resolve(args.incident)
        delivered = services.exercises.deliver_due(incident_id)
        if args.json:
            print_json([dict(e.payload, seq=e.seq) for e in delivered])
        else:
            for event in delivered:
                print(_event_line(event))
                for expected in event.payload.get("expected", []):
                    print(f"    → {expected}")
    return EXIT_OK


def cmd_exercise_status(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        incident_id = services.incidents.resolve(args.incident)
        status = services.exercises.status(incident_id)
        if status is None:
            raise_no_scenario(incident_id)
        assert status is not None
        data = {
            "scenario": status.scenario.id,
            "language": status.scenario.language,
            "title": status.scenario.title,
            "started_at": to_iso(status.started_at),
            "injects": len(status.scenario.injects),
            "delivered": list(status.delivered),
            "due_now": [i.number for i in status.pending],
            "next": status.next.to_dict() if status.next else None,
        }
        if args.json:
            print_json(data)
        else:
            print(f"{status.scenario.title} ({status.scenario.id}, {status.scenario.language})")
            print(
                _("{n} of {total} injects delivered").format(
                    n=len(status.delivered), total=len(status.scenario.injects)
                )
            )
            if status.next is not None:
                at = status.started_at + status.next.offset
                print(_("next: {at}: {text}").format(at=_local(at), text=status.next.text))
    return EXIT_OK


def raise_no_scenario(incident_id: str) -> None:
    raise NotFound(_("incident {id} has no exercise scenario").format(id=incident_id))


def cmd_scenarios(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        scenarios = services.exercises.scenarios()
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "playbook": s.playbook_id,
                    "language": s.language,
                    "title": s.title,
                    "duration_minutes": s.duration_minutes,
                    "injects": len(s.injects),
                }
                for s in scenarios
            ]
        )
    else:
        for s in scenarios:
            length = format_duration(timedelta(minutes=s.duration_minutes))
            injects = _("{n} injects").format(n=len(s.injects))
            print(f"{s.id:<14} {s.language}  {length:>5}  {injects:<11} {s.title}")
    return EXIT_OK


def cmd_evaluation_show(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        incident_id = services.incidents.resolve(args.incident)
        f = services.evaluation.figures(incident_id)
        text = services.evaluation.get(incident_id)
        actions = services.evaluation.actions(incident_id)
    if args.json:
        data = figures_json(f)
        data["evaluation"] = {
            "what_happened": text.what_happened,
            "what_worked": text.what_worked,
            "what_to_improve": text.what_to_improve,
            "saved_at": text.updated_at,
        }
        data["actions"] = [_action_json(a) for a in actions]
        print_json(data)
        return EXIT_OK
    print((_("EXERCISE") + " — " if f.exercise else "") + f.title)
    print(_("Detected {at}; duration {d}").format(at=_local(f.detected_at), d=_span(f.duration)))
    for label, value in figure_rows(f):
        print(f"  {label}: {value}")
    tz = datetime.now().astimezone().tzinfo
    assert tz is not None
    for name, due, sent, result in notice_rows(f, tz):
        print(
            "  "
            + _("{name}: {result} (due {due}, sent {sent})").format(
                name=name, result=result, due=due, sent=sent
            )
        )
    if f.open_must_items:
        print("  " + _("Open must-items: {n}").format(n=len(f.open_must_items)))
    for heading, body in (
        (_("What happened"), text.what_happened),
        (_("What worked"), text.what_worked),
        (_("What to improve"), text.what_to_improve),
    ):
        print(f"\n{heading}:\n{body or '-'}")
    if actions:
        print("\n" + _("Actions:"))
        for a in actions:
            print(_action_line(a))
    return EXIT_OK


def cmd_evaluation_save(args: argparse.Namespace) -> int:
    with opened(args) as services:
        incident_id = services.incidents.resolve(args.incident)
        current = services.evaluation.get(incident_id)
        saved = services.evaluation.save(
            incident_id,
            current.what_happened if args.what_happened is None else args.what_happened,
            current.what_worked if args.what_worked is None else args.what_worked,
            current.what_to_improve if args.what_to_improve is None else args.what_to_improve,
        )
    print(_("Evaluation saved at {at}").format(at=saved.updated_at))
    return EXIT_OK


def _action_line(a: ActionItem) -> str:
    link = f" [{a.link_kind}: {a.link_ref}]" if a.link_kind else ""
    owner = f" ({a.owner})" if a.owner else ""
    due = " " + _("due {date}").format(date=a.due) if a.due else ""
    return f"  {a.id[:8]} {action_status_label(a.status):<11} {a.text}{owner}{due}{link}"


def cmd_actions_list(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        incident_id = services.incidents.resolve(args.incident) if args.incident else None
        actions = services.evaluation.actions(incident_id, open_only=not args.all)
    if args.json:
        print_json([_action_json(a) for a in actions])
    elif not actions:
        print(_("No open improvement actions."))
    else:
        for a in actions:
            print(_action_line(a))
    return EXIT_OK


def cmd_actions_add(args: argparse.Namespace) -> int:
    with opened(args) as services:
        incident_id = services.incidents.resolve(args.incident) if args.incident else None
        kind, ref = LinkKind.NONE, ""
        if args.plan_section:
            kind, ref = LinkKind.PLAN_SECTION, args.plan_section
        elif args.playbook_item:
            kind, ref = LinkKind.PLAYBOOK_ITEM, args.playbook_item
        action = services.evaluation.add_action(
            args.text,
            owner=args.owner,
            due=args.due,
            incident_id=incident_id,
            link_kind=kind,
            link_ref=ref,
        )
    if args.json:
        print_json(_action_json(action))
    else:
        print(action.id)
    return EXIT_OK


def cmd_actions_status(args: argparse.Namespace) -> int:
    with opened(args) as services:
        action = services.evaluation.set_status(args.action, args.status)
    print(_action_line(action).strip())
    return EXIT_OK


def cmd_messages(args: argparse.Namespace) -> int:
    with opened(args, read_only=not args.mark_sent) as services:
        incident_id = services.incidents.resolve(args.incident)
        message = services.messages.fill(incident_id, args.kind, args.language)
        event = (
            services.messages.mark_sent(incident_id, message, args.note) if args.mark_sent else None
        )
    if args.json:
        print_json(
            {
                "kind": message.kind,
                "language": message.language,
                "title": message.title,
                "subject": message.subject,
                "body": message.body,
                "missing": list(message.missing),
                "logged": event.seq if event else None,
            }
        )
        return EXIT_OK
    print(message.text)
    if event is not None:
        print("\n" + _("Logged: {line}").format(line=_event_line(event)))
    elif message.missing:
        print(
            _("{n} fields to complete (marked [...])").format(n=len(message.missing)),
            file=sys.stderr,
        )
    return EXIT_OK
