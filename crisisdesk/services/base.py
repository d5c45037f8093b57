"""What every service is built with: the open handbook, a clock, the author's name and
the change notifier. Passed in, never looked up globally."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from crisisdesk.domain.clock import Clock, to_iso
from crisisdesk.services.changes import ChangeNotifier
from crisisdesk.store.database import Handbook

# How long work says how far it is: progress(done, total); total 0 when unknown.
Progress = Callable[[int, int], None]


@dataclass
class ServiceContext:
    handbook: Handbook
    clock: Clock
    author: str
    notifier: ChangeNotifier = field(default_factory=ChangeNotifier)

    def now_iso(self) -> str:
        return to_iso(self.clock.now())
