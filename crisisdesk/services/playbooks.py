"""Playbooks: the built-in ones and the organisation's own (with version history)."""

from __future__ import annotations

from crisisdesk.domain.playbook import Playbook
from crisisdesk.services.base import ServiceContext


class PlaybookService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list(self) -> list[Playbook]:
        """Every playbook available (latest version of each id and language)."""
        return []
