"""A small playbook built from domain objects, for tests that need one."""

from __future__ import annotations

from crisisdesk.domain.playbook import ChecklistItem, Phase, Playbook


def sample_playbook(deadlines: tuple[str, ...] = ("gdpr-33",)) -> Playbook:
    def item(pid: str, n: int, text: str, **kw: object) -> ChecklistItem:
        return ChecklistItem(id=f"{pid}.{n}", text=text, **kw)  # type: ignore[arg-type]

    return Playbook(
        id="ransomware",
        title="Ransomware",
        crisis_type="ransomware",
        language="en",
        version="1.0",
        last_reviewed="2026-01-10",
        deadlines=deadlines,
        phases=(
            Phase("prevention", "Prevention", items=(item("prevention", 1, "Keep backups"),)),
            Phase(
                "identification",
                "Identify",
                items=(
                    item("identification", 1, "Confirm encrypted files", must=True, due_minutes=30),
                    item("identification", 2, "List affected systems", owner_role="it-lead"),
                    item("identification", 3, "Activate the crisis team", must=True),
                ),
            ),
            Phase(
                "isolation",
                "Isolate",
                items=(
                    item("isolation", 1, "Disconnect file servers", must=True, due_minutes=60),
                    item("isolation", 2, "Reset admin passwords", must=True),
                    item("isolation", 3, "Patch VPN"),
                ),
            ),
            Phase("recovery", "Recover", items=(item("recovery", 1, "Restore from backup"),)),
            Phase(
                "communication", "Communicate", items=(item("communication", 1, "Inform staff"),)
            ),
            Phase("aftercare", "Aftercare", items=(item("aftercare", 1, "Evaluate"),)),
        ),
    )
