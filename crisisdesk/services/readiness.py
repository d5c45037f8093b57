"""The Readiness overview: gathers the facts and applies the domain's rules."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from crisisdesk.domain.clock import parse_iso, to_iso
from crisisdesk.domain.readiness import Finding, ReadinessFacts, assess
from crisisdesk.services.backups import BackupService
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.playbooks import PlaybookService
from crisisdesk.store import aftercare_repo, contacts_repo, incidents_repo, plan_repo, settings_repo


class ReadinessService:
    def __init__(
        self, ctx: ServiceContext, playbooks: PlaybookService, backups: BackupService
    ) -> None:
        self._ctx = ctx
        self._playbooks = playbooks
        self._backups = backups

    def facts(self) -> ReadinessFacts:
        conn = self._ctx.handbook.conn
        today = self._ctx.clock.now().astimezone().date()

        def get(key: str) -> Any:
            return settings_repo.get_setting(conn, key)

        reviewed = get("plan.last_reviewed")
        verify_days = get("contacts.verify_interval_days")
        roles = contacts_repo.list_roles(conn)
        playbooks = self._playbooks.list()
        year_ago = (today - timedelta(days=365)).isoformat()
        exercised = aftercare_repo.last_exercises(conn)
        language = self._playbooks.content_language()  # titles in it where it has them
        titles = {p.id: p.title for p in sorted(playbooks, key=lambda p: p.language == language)}
        last = self._backups.last_backup()
        return ReadinessFacts(
            today=today,
            organisation=get("organisation.name"),
            plan_version=get("plan.version"),
            plan_last_reviewed=date.fromisoformat(reviewed) if reviewed else None,
            plan_review_interval_days=get("plan.review_interval_days"),
            plan_sections=len(plan_repo.list_sections(conn)),
            contacts_total=contacts_repo.count_contacts(conn),
            contacts_unverified=contacts_repo.count_unverified(
                conn, today - timedelta(days=verify_days)
            ),
            contact_verify_interval_days=verify_days,
            roles_total=len(roles),
            roles_without_primary=sum(1 for r in roles if r.primary is None),
            playbooks_total=len({p.id for p in playbooks}),
            playbook_languages=tuple(sorted({p.language for p in playbooks})),
            playbooks_stale=len({p.id for p in playbooks if p.last_reviewed < year_ago}),
            open_incidents=tuple(i.title for i in incidents_repo.list_incidents(conn) if i.is_open),
            practised=tuple(
                (
                    pid,
                    titles[pid],
                    parse_iso(exercised[pid]).astimezone().date() if pid in exercised else None,
                )
                for pid in sorted(titles)
            ),
            open_action_lines=tuple(
                a.text
                + (f" ({', '.join(x for x in (a.owner, a.due) if x)})" if a.owner or a.due else "")
                for a in aftercare_repo.list_actions(conn, open_only=True)
            ),
            open_actions=int(
                conn.execute("SELECT count(*) FROM action_items WHERE status != 'done'").fetchone()[
                    0
                ]
            ),
            last_backup=to_iso(last.made_at) if last else None,
        )

    def findings(self) -> list[Finding]:
        return assess(self.facts())
