"""The crisis plan: its markdown sections and its metadata (owner, version, reviews).

The standard sections (``domain.plan.STANDARD_SECTIONS``) are the backbone of every
plan: they can be renamed, reordered and left empty, never removed. Sections the
organisation adds can also be removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from crisisdesk.domain.errors import InvalidInput, NotFound, Problem, Rejected
from crisisdesk.domain.i18n import _
from crisisdesk.domain.ids import new_id
from crisisdesk.domain.plan import STANDARD_SECTIONS, PlanSection
from crisisdesk.interchange.phones import calling_code, known_region, known_regions
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.store import plan_repo, settings_repo

STANDARD_KEYS = frozenset(key for key, _title in STANDARD_SECTIONS)
MAX_INTERVAL_DAYS = 3650  # ten years: anything longer is a typing slip


@dataclass(frozen=True)
class PlanMetadata:
    organisation: str
    country: str
    owner: str
    version: str
    last_reviewed: date | None
    review_interval_days: int
    verify_interval_days: int

    @property
    def next_review(self) -> date | None:
        if self.last_reviewed is None:
            return None
        return self.last_reviewed + timedelta(days=self.review_interval_days)


# PlanMetadata field -> handbook setting
_SETTING_OF = {
    "organisation": "organisation.name",
    "country": "organisation.country",
    "owner": "plan.owner",
    "version": "plan.version",
    "last_reviewed": "plan.last_reviewed",
    "review_interval_days": "plan.review_interval_days",
    "verify_interval_days": "contacts.verify_interval_days",
}


def is_standard(key: str) -> bool:
    return key in STANDARD_KEYS


def _slug(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:40] or "section"


class PlanService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- sections -----------------------------------------------------------------
    def sections(self) -> list[PlanSection]:
        return plan_repo.list_sections(self._ctx.handbook.conn)

    def section(self, key: str) -> PlanSection:
        found = plan_repo.get_section(self._ctx.handbook.conn, key)
        if found is None:
            raise NotFound(_("No plan section '{key}'.").format(key=key))
        return found

    def _changed(self) -> Changed:
        return self._ctx.notifier.notify(Changed.of(Area.PLAN))

    def create_standard_sections(self) -> Changed:
        """Add every standard section the plan lacks (empty, in the standard order)."""
        existing = {s.key for s in self.sections()}
        now = self._ctx.now_iso()
        with self._ctx.handbook.transaction() as conn:
            for pos, (key, title) in enumerate(STANDARD_SECTIONS):
                if key not in existing:
                    plan_repo.upsert_section(
                        conn,
                        PlanSection(id=new_id(), key=key, title=_(title), body="", position=pos),
                        now,
                    )
            plan_repo.set_positions(conn, [s.key for s in plan_repo.list_sections(conn)])
        return self._changed()

    def save_section(self, key: str, body: str) -> Changed | None:
        """Store a section's markdown; None (and nothing written) when it is unchanged."""
        current = self.section(key)
        if current.body == body:
            return None
        with self._ctx.handbook.transaction() as conn:
            plan_repo.upsert_section(
                conn,
                PlanSection(current.id, key, current.title, body, current.position),
                self._ctx.now_iso(),
            )
        return self._changed()

    def rename_section(self, key: str, title: str) -> Changed:
        title = title.strip()
        if not title:
            raise Rejected(_("A plan section needs a title."))
        current = self.section(key)
        with self._ctx.handbook.transaction() as conn:
            plan_repo.upsert_section(
                conn,
                PlanSection(current.id, key, title, current.body, current.position),
                self._ctx.now_iso(),
            )
        return self._changed()

    def add_section(self, title: str, body: str = "", after: str | None = None) -> PlanSection:
        """A new section of the organisation's own, after section ``after`` (default last)."""
        title = title.strip()
        if not title:
            raise Rejected(_("A plan section needs a title."))
        keys = [s.key for s in self.sections()]
        base = "custom-" + _slug(title)
        key, n = base, 1
        while key in keys or key in STANDARD_KEYS:
            n += 1
            key = f"{base}-{n}"
        index = keys.index(after) + 1 if after in keys else len(keys)
        keys.insert(index, key)
        section = PlanSection(id=new_id(), key=key, title=title, body=body, position=index)
        with self._ctx.handbook.transaction() as conn:
            plan_repo.upsert_section(conn, section, self._ctx.now_iso())
            plan_repo.set_positions(conn, keys)
        self._changed()
        return self.section(key)

    def remove_section(self, key: str) -> Changed:
        self.section(key)  # NotFound when it does not exist
        if is_standard(key):
            raise Rejected(
                _(
                    "'{key}' is a standard section of every crisis plan and cannot be "
                    "removed; leave it empty if it does not apply."
                ).format(key=key)
            )
        with self._ctx.handbook.transaction() as conn:
            plan_repo.delete_section(conn, key)
            plan_repo.set_positions(conn, [s.key for s in plan_repo.list_sections(conn)])
        return self._changed()

    def move_section(self, key: str, delta: int) -> Changed | None:
        """Move a section ``delta`` places up (negative) or down; None at either end."""
        keys = [s.key for s in self.sections()]
        if key not in keys:
            raise NotFound(_("No plan section '{key}'.").format(key=key))
        old = keys.index(key)
        new = max(0, min(len(keys) - 1, old + delta))
        if new == old:
            return None
        keys.insert(new, keys.pop(old))
        with self._ctx.handbook.transaction() as conn:
            plan_repo.set_positions(conn, keys)
        return self._changed()

    # -- metadata -----------------------------------------------------------------
    def metadata(self) -> PlanMetadata:
        conn = self._ctx.handbook.conn
        values = {f: settings_repo.get_setting(conn, s) for f, s in _SETTING_OF.items()}
        reviewed = values["last_reviewed"]
        values["last_reviewed"] = date.fromisoformat(reviewed) if reviewed else None
        return PlanMetadata(**values)

    @staticmethod
    def countries() -> list[tuple[str, int]]:
        """Every home country a handbook can have: (ISO code, international calling code)."""
        return [(code, calling_code(code)) for code in known_regions()]

    def today(self) -> date:
        return self._ctx.clock.now().astimezone().date()

    def update_metadata(self, **fields: Any) -> Changed:
        """Change some of the metadata (PlanMetadata's field names). Every value is
        checked first; one bad value changes nothing and every problem is listed."""
        unknown = sorted(set(fields) - set(_SETTING_OF))
        if unknown:
            raise TypeError(f"unknown plan metadata: {', '.join(unknown)}")
        problems: list[Problem] = []
        clean: dict[str, Any] = {}
        for name, value in fields.items():
            try:
                clean[name] = self._validate(name, value)
            except ValueError as exc:
                problems.append(Problem(_label(name), None, str(exc)))
        if problems:
            raise InvalidInput(problems)
        with self._ctx.handbook.transaction() as conn:
            for name, value in clean.items():
                settings_repo.set_setting(conn, _SETTING_OF[name], value)
        areas = [Area.PLAN, Area.SETTINGS]
        if "verify_interval_days" in clean or "country" in clean:
            areas.append(Area.CONTACTS)  # verification status and number display change
        return self._ctx.notifier.notify(Changed.of(*areas))

    def mark_reviewed_today(self) -> Changed:
        return self.update_metadata(last_reviewed=self.today())

    def _validate(self, name: str, value: Any) -> Any:
        if name in ("review_interval_days", "verify_interval_days"):
            try:
                days = int(value)
            except (TypeError, ValueError):
                raise ValueError(_("'{v}' is not a number of days").format(v=value)) from None
            if not 1 <= days <= MAX_INTERVAL_DAYS:
                raise ValueError(
                    _("{days} days: choose between 1 and {most} days").format(
                        days=days, most=MAX_INTERVAL_DAYS
                    )
                )
            return days
        if name == "last_reviewed":
            if value in (None, ""):
                return ""
            try:
                when = value if isinstance(value, date) else date.fromisoformat(str(value))
            except ValueError:
                raise ValueError(
                    _("'{v}' is not a date (expected YYYY-MM-DD)").format(v=value)
                ) from None
            if when > self.today():
                raise ValueError(
                    _("{d} is in the future: a review date is the day it happened").format(
                        d=when.isoformat()
                    )
                )
            return when.isoformat()
        if name == "country":
            code = str(value).strip().upper()
            if not known_region(code):
                raise ValueError(
                    _(
                        "'{v}' is not a known country code (use the two-letter ISO code, "
                        "e.g. NL, BE, DE)"
                    ).format(v=value)
                )
            return code
        text = str(value).strip()
        if name == "version" and not text:
            raise ValueError(_("the plan needs a version (it is printed on every sheet)"))
        return text


def _label(name: str) -> str:
    return {
        "organisation": _("organisation name"),
        "country": _("home country"),
        "owner": _("plan owner"),
        "version": _("plan version"),
        "last_reviewed": _("last review date"),
        "review_interval_days": _("review interval"),
        "verify_interval_days": _("contact verification interval"),
    }[name]
