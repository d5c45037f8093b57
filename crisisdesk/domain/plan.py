"""The crisis plan: markdown sections in a fixed order, plus review metadata."""

from __future__ import annotations

from dataclasses import dataclass

# The sections of a crisis plan's prevention part, in order; (key, English title).
STANDARD_SECTIONS: tuple[tuple[str, str], ...] = (
    ("scope", "Scope and purpose"),
    ("activation", "Activation criteria"),
    ("team", "Crisis team and responsibilities"),
    ("escalation", "Escalation"),
    ("communication", "Communication policy"),
    ("recovery", "Recovery priorities"),
    ("monitoring", "Monitoring and reporting"),
    ("training", "Training and exercises"),
)


@dataclass(frozen=True)
class PlanSection:
    id: str
    key: str
    title: str
    body: str  # markdown
    position: int = 0
    updated_at: str = ""
