"""Handbook settings, declared once with their type and default.

These live inside the handbook file (they travel with it); per-user window state lives
in QSettings instead. Read and write them through ``store`` and ``services``; a
setting that is not declared here cannot be read or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    help: str

    def coerce(self, value: Any) -> Any:
        """Convert a stored or typed value to the declared type, or raise ValueError."""
        if value is None:
            return self.default
        if self.type is bool:
            if isinstance(value, str):
                if value.lower() in ("1", "true", "yes", "on"):
                    return True
                if value.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(f"{self.key}: '{value}' is not yes/no")
            return bool(value)
        try:
            return self.type(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.key}: '{value}' is not a valid {self.type.__name__}") from None


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("organisation.name", str, "", "Organisation this handbook belongs to"),
        Setting(
            "organisation.country", str, "NL", "Home country (ISO 3166 code) for phone numbers"
        ),
        Setting("language", str, "auto", "Content language: auto (system), en or nl"),
        Setting("plan.owner", str, "", "Who owns the crisis plan"),
        Setting("plan.version", str, "1.0", "Plan version printed on every sheet"),
        Setting("plan.last_reviewed", str, "", "Date of the last plan review (YYYY-MM-DD)"),
        Setting("plan.review_interval_days", int, 365, "Review the plan at least this often"),
        Setting(
            "contacts.verify_interval_days", int, 180, "Verify each contact at least this often"
        ),
        Setting("backup.keep", int, 20, "How many automatic backups to keep"),
        Setting("backup.interval_minutes", int, 15, "Backup interval while an incident runs"),
        Setting("backup.second_folder", str, "", "Second backup folder, e.g. a USB stick"),
    )
}


def setting(key: str) -> Setting:
    try:
        return SETTINGS[key]
    except KeyError:
        raise KeyError(f"unknown setting '{key}' (known: {', '.join(sorted(SETTINGS))})") from None
