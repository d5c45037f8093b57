"""What every service is built with: the open handbook, a clock, the author's name and
the change notifier. Passed in, never looked up globally."""

from __future__ import annotations

from dataclasses import dataclass, field

from crisisdesk.domain.clock import Clock, to_iso
from crisisdesk.services.changes import ChangeNotifier
from crisisdesk.store.database import Handbook


@dataclass
class ServiceContext:
    handbook: Handbook
    clock: Clock
    author: str
    notifier: ChangeNotifier = field(default_factory=ChangeNotifier)

    def now_iso(self) -> str:
        return to_iso(self.clock.now())
