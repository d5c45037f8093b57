"""Reading and changing handbook settings."""

from __future__ import annotations

from typing import Any

from crisisdesk.services.base import ServiceContext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.store import settings_repo


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, key: str) -> Any:
        return settings_repo.get_setting(self._ctx.handbook.conn, key)

    def all(self) -> dict[str, Any]:
        return settings_repo.all_settings(self._ctx.handbook.conn)

    def set(self, key: str, value: Any) -> Changed:
        with self._ctx.handbook.transaction() as conn:
            settings_repo.set_setting(conn, key, value)
        return self._ctx.notifier.notify(Changed.of(Area.SETTINGS))
