"""The printed handbook: gather what it shows, then write the PDF.

Gathering reads the handbook (on the caller's thread and connection); writing needs
only the gathered ``HandbookContent``, so the GUI can run it off its thread.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import LANGUAGES, _, use_language
from crisisdesk.export.handbook_pdf import HandbookContent, Progress, write_handbook
from crisisdesk.export.pdfbase import PAPER
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.contact_sheet import ContactSheetService
from crisisdesk.services.playbooks import PlaybookService
from crisisdesk.store import contacts_repo, plan_repo, settings_repo

MAX_LOG_SHEETS = 50


@dataclass(frozen=True)
class HandbookExport:
    path: Path
    language: str
    paper: str
    playbooks: int


class HandbookExportService:
    def __init__(
        self, ctx: ServiceContext, playbooks: PlaybookService, contact_sheet: ContactSheetService
    ) -> None:
        self._ctx = ctx
        self._playbooks = playbooks
        self._contact_sheet = contact_sheet

    def content(self, *, language: str | None = None, log_sheets: int = 3) -> HandbookContent:
        """Everything the handbook prints, in ``language`` (None: the content language).
        Playbooks missing in that language are printed in English."""
        lang = language or self._playbooks.content_language()
        if lang not in LANGUAGES:
            raise CrisisdeskError(
                _("unknown language '{language}' (choose from {known})").format(
                    language=lang, known=", ".join(LANGUAGES)
                )
            )
        if not 0 <= log_sheets <= MAX_LOG_SHEETS:
            raise CrisisdeskError(
                _("log sheets: {n} is not between 0 and {max}").format(
                    n=log_sheets, max=MAX_LOG_SHEETS
                )
            )
        conn = self._ctx.handbook.conn

        def get(key: str) -> str:
            return str(settings_repo.get_setting(conn, key) or "")

        ids = list(dict.fromkeys(p.id for p in self._playbooks.list()))
        with use_language(lang):  # the sheet's group names and dates, as printed
            contacts = self._contact_sheet.sheet()
        return HandbookContent(
            organisation=get("organisation.name"),
            plan_version=get("plan.version"),
            plan_date=get("plan.last_reviewed"),
            owner=get("plan.owner"),
            printed_at=self._ctx.clock.now().astimezone(),
            language=lang,
            sections=plan_repo.list_sections(conn),
            roles=contacts_repo.list_roles(conn),
            contacts=contacts,
            playbooks=[self._playbooks.get(pid, lang) for pid in ids],
            log_sheets=log_sheets,
        )

    def export(
        self,
        out: Path,
        *,
        paper: str = "a4",
        language: str | None = None,
        log_sheets: int = 3,
        progress: Progress | None = None,
    ) -> HandbookExport:
        content = self.content(language=language, log_sheets=log_sheets)
        return write_handbook_file(out, content, paper=paper, progress=progress)


def write_handbook_file(
    out: Path, content: HandbookContent, *, paper: str = "a4", progress: Progress | None = None
) -> HandbookExport:
    """Write the PDF to ``out`` whole or not at all: it is laid out into a temporary
    file beside ``out`` and renamed over it only when complete."""
    out = Path(out)
    if paper.lower() not in PAPER:
        raise CrisisdeskError(
            _("unknown paper size '{paper}' (choose a4 or letter)").format(paper=paper)
        )
    if not out.parent.is_dir():
        raise CrisisdeskError(
            _("{path}: the folder {folder} does not exist").format(path=out, folder=out.parent)
        )
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise CrisisdeskError(
            _("{path}: cannot write here ({reason})").format(path=out, reason=exc.strerror)
        ) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            write_handbook(stream, content, paper=paper.lower(), progress=progress)
        os.replace(temp, out)
    except OSError as exc:
        raise CrisisdeskError(
            _("{path}: cannot write the PDF ({reason})").format(path=out, reason=exc.strerror)
        ) from None
    finally:
        temp.unlink(missing_ok=True)
    return HandbookExport(out, content.language, paper.lower(), len(content.playbooks))
