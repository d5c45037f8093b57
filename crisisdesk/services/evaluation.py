"""After an incident or exercise: the figures, the evaluation text and its actions."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crisisdesk.domain.actions import ActionItem, ActionStatus, EvaluationText, LinkKind
from crisisdesk.domain.errors import CrisisdeskError, NotFound
from crisisdesk.domain.evaluation import Figures, draft_what_happened, figures
from crisisdesk.domain.i18n import _
from crisisdesk.domain.ids import new_id
from crisisdesk.domain.labels import crisis_type_label, severity_label
from crisisdesk.domain.messages import format_time
from crisisdesk.domain.timeline_chart import chart
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.incidents import IncidentService, InvalidValue
from crisisdesk.services.playbooks import PlaybookService
from crisisdesk.store import aftercare_repo, plan_repo, settings_repo

if TYPE_CHECKING:  # the PDF modules pull in reportlab: imported when a report is made
    from crisisdesk.export.report import ReportData


class EvaluationService:
    def __init__(
        self, ctx: ServiceContext, incidents: IncidentService, playbooks: PlaybookService
    ) -> None:
        self._ctx = ctx
        self._incidents = incidents
        self._playbooks = playbooks

    # -- figures and text -----------------------------------------------------------
    def figures(self, incident_id: str) -> Figures:
        return figures(
            incident_id,
            self._incidents.playbook(incident_id),
            self._incidents.events(incident_id),
            self._ctx.clock.now(),
            self._incidents.deadline_rules(),
        )

    def draft(self, incident_id: str, fig: Figures | None = None) -> str:
        tz = self._ctx.clock.now().astimezone().tzinfo
        assert tz is not None
        return draft_what_happened(fig or self.figures(incident_id), tz)

    def get(self, incident_id: str) -> EvaluationText:
        """The saved evaluation, or a new one with 'what happened' drafted from the log."""
        self._incidents.get(incident_id)
        saved = aftercare_repo.get_evaluation(self._ctx.handbook.conn, incident_id)
        return saved or EvaluationText(incident_id, what_happened=self.draft(incident_id))

    def save(
        self, incident_id: str, what_happened: str, what_worked: str, what_to_improve: str
    ) -> EvaluationText:
        self._incidents.get(incident_id)
        text = EvaluationText(
            incident_id, what_happened.strip(), what_worked.strip(), what_to_improve.strip()
        )
        now = self._ctx.now_iso()
        with self._ctx.handbook.transaction() as conn:
            aftercare_repo.save_evaluation(conn, text, now)
        self._ctx.notifier.notify(Changed.of(Area.INCIDENTS, incident_id=incident_id))
        return EvaluationText(
            incident_id, text.what_happened, text.what_worked, text.what_to_improve, now
        )

    # -- the report -----------------------------------------------------------------
    def report_data(self, incident_id: str) -> ReportData:
        summary = self._incidents.get(incident_id)
        fig = self.figures(incident_id)
        text = self.get(incident_id)
        now = self._ctx.clock.now()
        tz = now.astimezone().tzinfo
        assert tz is not None

        def when(value: datetime | None) -> str:
            return format_time(value, tz) if value is not None else "-"

        rows = [
            (_("Incident"), summary.title),
            (_("Exercise or real"), _("EXERCISE") if summary.exercise else _("real incident")),
            (
                _("Type and severity"),
                f"{crisis_type_label(summary.crisis_type)} · {severity_label(summary.severity)}",
            ),
            (_("Crisis lead"), summary.lead or "-"),
            (
                _("Playbook"),
                f"{summary.playbook_id} {summary.playbook_version} ({summary.language})",
            ),
            (_("Detected"), when(fig.detected_at)),
            (_("Closed"), when(fig.closed_at) if fig.closed_at else _("still open")),
            (_("Log"), _("{n} events").format(n=summary.event_count)),
        ]
        organisation = settings_repo.get_setting(self._ctx.handbook.conn, "organisation.name")
        from crisisdesk.export.report import ReportData

        return ReportData(
            organisation=str(organisation or ""),
            incident_id=incident_id,
            figures=fig,
            chart=chart(fig, tz),
            summary=rows,
            what_happened=text.what_happened,
            what_worked=text.what_worked,
            what_to_improve=text.what_to_improve,
            actions=self.actions(incident_id),
            tz=tz,
            printed=_("printed {at}").format(at=format_time(now, tz)),
        )

    def export_report(
        self,
        incident_id: str,
        out: Path,
        *,
        paper: str = "a4",
        on_page: Callable[[int], None] | None = None,
    ) -> None:
        """Write the post-incident report PDF (atomically: never a half-written file)."""
        write_report(self.report_data(incident_id), out, paper=paper, on_page=on_page)

    # -- actions --------------------------------------------------------------------
    def actions(self, incident_id: str | None = None, open_only: bool = False) -> list[ActionItem]:
        return aftercare_repo.list_actions(self._ctx.handbook.conn, incident_id, open_only)

    def add_action(
        self,
        text: str,
        *,
        owner: str = "",
        due: date | None = None,
        incident_id: str | None = None,
        link_kind: str = LinkKind.NONE,
        link_ref: str = "",
    ) -> ActionItem:
        text = text.strip()
        if not text:
            raise InvalidValue(_("the action needs a text"))
        if incident_id is not None:
            self._incidents.get(incident_id)
        self._check_link(link_kind, link_ref.strip())
        now = self._ctx.now_iso()
        action = ActionItem(
            id=new_id(),
            text=text,
            incident_id=incident_id,
            owner=owner.strip(),
            due=due.isoformat() if due else None,
            link_kind=link_kind,
            link_ref=link_ref.strip(),
            created_at=now,
            updated_at=now,
        )
        with self._ctx.handbook.transaction() as conn:
            aftercare_repo.insert_action(conn, action)
        self._ctx.notifier.notify(Changed.of(Area.ACTIONS, incident_id=incident_id))
        return action

    def set_status(self, action_id: str, status: str) -> ActionItem:
        if status not in ActionStatus.ALL:
            raise InvalidValue(
                _("status '{status}' is not one of: {known}").format(
                    status=status, known=", ".join(ActionStatus.ALL)
                )
            )
        action = self.find_action(action_id)
        with self._ctx.handbook.transaction() as conn:
            aftercare_repo.set_action_status(conn, action.id, status, self._ctx.now_iso())
        self._ctx.notifier.notify(Changed.of(Area.ACTIONS, incident_id=action.incident_id))
        return self.find_action(action.id)

    def find_action(self, id_or_prefix: str) -> ActionItem:
        text = id_or_prefix.strip()
        ids = aftercare_repo.find_action_ids(self._ctx.handbook.conn, text) if text else []
        if len(ids) != 1 and text not in ids:
            raise NotFound(
                _("no action with id '{id}'").format(id=text)
                if not ids
                else _("'{id}' matches {n} actions; type more of the id").format(
                    id=text, n=len(ids)
                )
            )
        wanted = text if text in ids else ids[0]
        return next(a for a in self.actions() if a.id == wanted)

    def _check_link(self, kind: str, ref: str) -> None:
        """An action linked to the plan or a playbook must name something that exists."""
        if kind not in LinkKind.ALL:
            raise InvalidValue(
                _("link kind '{kind}' is not one of: {known}").format(
                    kind=kind, known=", ".join(k for k in LinkKind.ALL if k)
                )
            )
        if kind == LinkKind.NONE:
            if ref:
                raise InvalidValue(_("a link needs its kind (plan-section or playbook-item)"))
            return
        if kind == LinkKind.PLAN_SECTION:
            keys = [s.key for s in plan_repo.list_sections(self._ctx.handbook.conn)]
            if ref not in keys:
                raise NotFound(
                    _("no plan section '{ref}' (sections: {keys})").format(
                        ref=ref, keys=", ".join(keys) or _("none")
                    )
                )
            return
        playbook_id, _sep, item_id = ref.partition(":")
        playbook = self._playbooks.get(playbook_id)
        if not item_id or playbook.item(item_id) is None:
            raise NotFound(
                _(
                    "no checklist item '{item}' in playbook '{playbook}' "
                    "(write PLAYBOOK:ITEM, e.g. ransomware:isolation.2)"
                ).format(item=item_id, playbook=playbook_id)
            )


def write_report(
    data: ReportData,
    out: Path,
    *,
    paper: str = "a4",
    on_page: Callable[[int], None] | None = None,
) -> None:
    """Write a prepared report; touches no handbook connection, so it can run off the
    GUI thread. Written beside the target and moved into place, readable only by you."""
    try:
        from crisisdesk.export.pdfbase import paper_size
        from crisisdesk.export.report import build_report

        size = paper_size(paper)
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        build_report(data, tmp, pagesize=size, on_page=on_page)
        os.chmod(tmp, 0o600)  # the report names people and decisions
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CrisisdeskError(
            _("{path}: cannot be written ({reason})").format(path=out, reason=exc.strerror)
        ) from None
