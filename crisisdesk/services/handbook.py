"""Creating, opening and checking handbook files; the set of services over one file."""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from crisisdesk.domain.clock import Clock, SystemClock
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.changes import ChangeNotifier
from crisisdesk.store import settings_repo
from crisisdesk.store.database import create_handbook, open_handbook

if TYPE_CHECKING:
    from crisisdesk.services.backups import BackupService
    from crisisdesk.services.contact_sheet import ContactSheetService
    from crisisdesk.services.contacts import ContactsService
    from crisisdesk.services.evaluation import EvaluationService
    from crisisdesk.services.exercises import ExerciseService
    from crisisdesk.services.handbook_export import HandbookExportService
    from crisisdesk.services.incident_index import IncidentIndex
    from crisisdesk.services.incidents import IncidentService
    from crisisdesk.services.messages import MessageService
    from crisisdesk.services.plan import PlanService
    from crisisdesk.services.playbooks import PlaybookService
    from crisisdesk.services.readiness import ReadinessService
    from crisisdesk.services.settings import SettingsService
    from crisisdesk.services.signing import SigningService
    from crisisdesk.services.team import TeamService


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name on this system
        return "crisis lead"


class Services:
    """Every service over one open handbook. Built once by app.py or the CLI."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # Each service is built (and its module imported) when first used: the window
    # opens without loading what only a later click needs.

    @cached_property
    def settings(self) -> SettingsService:
        from crisisdesk.services.settings import SettingsService

        return SettingsService(self.ctx)

    @cached_property
    def playbooks(self) -> PlaybookService:
        from crisisdesk.services.playbooks import PlaybookService

        return PlaybookService(self.ctx)

    @cached_property
    def backups(self) -> BackupService:
        from crisisdesk.services.backups import BackupService

        return BackupService(self.ctx)

    @cached_property
    def readiness(self) -> ReadinessService:
        from crisisdesk.services.readiness import ReadinessService

        return ReadinessService(self.ctx, self.playbooks, self.backups)

    @cached_property
    def incident_index(self) -> IncidentIndex:
        from crisisdesk.services.incident_index import IncidentIndex

        return IncidentIndex(self.ctx)

    @cached_property
    def incidents(self) -> IncidentService:
        from crisisdesk.services.incidents import IncidentService

        return IncidentService(self.ctx)

    @cached_property
    def contacts(self) -> ContactsService:
        from crisisdesk.services.contacts import ContactsService

        return ContactsService(self.ctx)

    @cached_property
    def contact_sheet(self) -> ContactSheetService:
        from crisisdesk.services.contact_sheet import ContactSheetService

        return ContactSheetService(self.ctx, self.contacts)

    @cached_property
    def plan(self) -> PlanService:
        from crisisdesk.services.plan import PlanService

        return PlanService(self.ctx)

    @cached_property
    def team(self) -> TeamService:
        from crisisdesk.services.team import TeamService

        return TeamService(self.ctx)

    @cached_property
    def signing(self) -> SigningService:
        from crisisdesk.services.signing import SigningService

        return SigningService(self.ctx, self.incidents)

    @cached_property
    def evaluation(self) -> EvaluationService:
        from crisisdesk.services.evaluation import EvaluationService

        return EvaluationService(self.ctx, self.incidents, self.playbooks)

    @cached_property
    def exercises(self) -> ExerciseService:
        from crisisdesk.services.exercises import ExerciseService

        return ExerciseService(self.ctx, self.incidents, self.playbooks)

    @cached_property
    def messages(self) -> MessageService:
        from crisisdesk.services.messages import MessageService

        return MessageService(self.ctx, self.incidents)

    @cached_property
    def handbook_export(self) -> HandbookExportService:
        from crisisdesk.services.handbook_export import HandbookExportService

        return HandbookExportService(self.ctx, self.playbooks, self.contact_sheet)

    @property
    def path(self) -> Path:
        return self.ctx.handbook.path

    @property
    def notifier(self) -> ChangeNotifier:
        return self.ctx.notifier

    def close(self) -> None:
        self.ctx.handbook.close()


def open_services(
    path: Path,
    *,
    clock: Clock | None = None,
    author: str | None = None,
    read_only: bool = False,
    create: bool = False,
) -> Services:
    """Open (or, with ``create``, first create an empty) handbook and build its services."""
    path = Path(path)
    if create and not path.exists():
        handbook = create_handbook(path)
    else:
        handbook = open_handbook(path, read_only=read_only)
    ctx = ServiceContext(handbook, clock or SystemClock(), author or default_author())
    return Services(ctx)


def init_handbook(
    path: Path,
    *,
    demo: bool = False,
    country: str | None = None,
    organisation: str = "",
    clock: Clock | None = None,
) -> Services:
    """Create a new handbook file (refusing to overwrite one), optionally with demo data."""
    from crisisdesk.services import demo as demo_data

    handbook = create_handbook(Path(path))
    ctx = ServiceContext(handbook, clock or SystemClock(), default_author())
    try:
        with handbook.transaction() as conn:
            if country:
                settings_repo.set_setting(conn, "organisation.country", country.upper())
            if organisation:
                settings_repo.set_setting(conn, "organisation.name", organisation)
            if demo:
                demo_data.fill(conn, ctx.clock)
    except BaseException:
        handbook.close()
        raise
    return Services(ctx)


@dataclass
class HandbookCheck:
    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(path: Path, checkpoint_codes: Sequence[str] = ()) -> HandbookCheck:
    """Open read-only and run every check. Raises HandbookError when it cannot be opened.

    ``checkpoint_codes`` (as noted by a witness) must each be a prefix of some incident's
    log; a malformed code raises ``InvalidCheckpoint`` before anything is opened.
    """
    from crisisdesk.domain.checkpoint import parse_checkpoint
    from crisisdesk.store import checks

    checkpoints = [parse_checkpoint(code) for code in checkpoint_codes]
    handbook = open_handbook(Path(path), read_only=True)
    try:
        result = checks.check_handbook(handbook.conn, checkpoints)
    finally:
        handbook.close()
    return HandbookCheck(Path(path), result.problems, result.notes)
