"""The printed handbook: the whole plan on paper, for the binder and the go-bag.

Title page, table of contents with page numbers, the plan's sections, the crisis team,
the contact sheet, every playbook's checklists with tick boxes, and blank log sheets for
writing by hand. Every page carries the plan version and date (pdfbase.PageFrame).
Printed in one language ('en' or 'nl'), whatever the interface language is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import IO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents
from reportlab.platypus.tableofcontents import defaultTableStyle as default_toc_style

from crisisdesk.domain.contacts import Role
from crisisdesk.domain.i18n import _, format_date, format_datetime, use_language
from crisisdesk.domain.labels import must_label, role_label
from crisisdesk.domain.plan import PlanSection
from crisisdesk.domain.playbook import ChecklistItem, Phase, Playbook
from crisisdesk.export.contact_sheet import ContactSheet, sheet_story
from crisisdesk.export.log_sheet import LogSheet, LogSheetLabels
from crisisdesk.export.markdown_flow import MarkdownRenderer
from crisisdesk.export.pdfbase import (
    FONT,
    FONT_BOLD,
    GREY,
    RED,
    PageFrame,
    build_pdf,
    paper_size,
    styles,
    table_style,
    text_table,
    toc_heading,
)

Progress = Callable[[int, int], None]
MARGINS = 30 * mm  # left + right, as in pdfbase.build_pdf
TICK_BOX = "☐"


def _plan_date(iso: str) -> str:
    """The stored review date (YYYY-MM-DD) as the handbook's language writes it."""
    try:
        return format_date(date.fromisoformat(iso))
    except ValueError:  # an odd stored value is printed as it is, not dropped
        return iso


@dataclass(frozen=True)
class HandbookContent:
    """Everything the printed handbook shows, gathered by the service."""

    organisation: str
    plan_version: str
    plan_date: str  # the plan's last review, YYYY-MM-DD, or "" when never reviewed
    owner: str
    printed_at: datetime  # local time, with its offset
    language: str  # "en" or "nl"
    sections: Sequence[PlanSection]
    roles: Sequence[Role]  # for the names of the checklists' owner roles
    contacts: ContactSheet  # the crisis team, call tree and other parties, as printed
    playbooks: Sequence[Playbook]
    log_sheets: int = 3


def due_label(minutes: int | None) -> str:
    """How long after the incident start an item is due: T+15 min, T+2 h, T+1 h 30."""
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return _("T+{m} min").format(m=rest)
    if rest == 0:
        return _("T+{h} h").format(h=hours)
    return _("T+{h} h {m}").format(h=hours, m=f"{rest:02d}")


class _Builder:
    def __init__(self, content: HandbookContent, paper: str) -> None:
        self.c = content
        self.pagesize = paper_size(paper)
        self.width = self.pagesize[0] - MARGINS
        self.s = styles()
        self.md = MarkdownRenderer(self.s, self.width)
        self.role_names = {r.key: r.name for r in content.roles}

    def heading(self, text: str, level: int) -> Flowable:
        style = self.s["h1"] if level == 0 else self.s["h2"]
        return toc_heading(escape(text), style, level)

    # -- the document -------------------------------------------------------------------
    def frame(self) -> PageFrame:
        c = self.c
        reference = _("plan v{version}").format(version=c.plan_version)
        if c.plan_date:
            reference += " · " + _("reviewed {date}").format(date=_plan_date(c.plan_date))
        return PageFrame(
            title=_("Crisis handbook"),
            organisation=c.organisation,
            reference=reference,
            printed=_("printed {when}").format(when=format_datetime(c.printed_at)),
            confidential=_("CONFIDENTIAL"),
            page_label=_("page {page} of {pages}"),
        )

    def story(self) -> list[Flowable]:
        return [
            *self.title_page(),
            *self.contents(),
            *self.plan(),
            *self.team_and_contacts(),
            *self.playbooks(),
            *self.log_sheets(),
        ]

    def title_page(self) -> list[Flowable]:
        c = self.c
        big = ParagraphStyle("cover", parent=self.s["title"], fontSize=28, leading=34)
        rows = [
            (_("Organisation"), c.organisation or _("(not set)")),
            (_("Plan version"), c.plan_version),
            (_("Plan reviewed"), _plan_date(c.plan_date) if c.plan_date else _("never")),
            (_("Plan owner"), c.owner or _("(not set)")),
            (_("Printed"), format_datetime(c.printed_at)),
        ]
        facts = text_table(
            [
                [Paragraph(escape(k), self.s["cellbold"]), Paragraph(escape(v), self.s["body"])]
                for k, v in rows
            ],
            colWidths=[45 * mm, self.width - 45 * mm],
            hAlign="LEFT",
        )
        facts.setStyle(table_style(header_rows=0))
        return [
            Spacer(1, 40 * mm),
            Paragraph(escape(c.organisation), self.s["h1"]),
            Paragraph(escape(_("Crisis handbook")), big),
            Spacer(1, 10 * mm),
            facts,
            Spacer(1, 12 * mm),
            Paragraph(
                escape(
                    _(
                        "Keep one copy in the binder on the shelf and one in the bag by the "
                        "door. This handbook holds personal contact details: keep it "
                        "confidential and replace it when a new plan version is printed."
                    )
                ),
                self.s["body"],
            ),
            PageBreak(),
        ]

    def contents(self) -> list[Flowable]:
        toc = TableOfContents(
            dotsMinLevel=0,
            rightColumnWidth=15 * mm,
            # its table's own font (for no text at all) would be the unembedded Helvetica
            tableStyle=TableStyle(
                [*default_toc_style.getCommands(), ("FONTNAME", (0, 0), (-1, -1), FONT)]
            ),
        )
        toc.levelStyles = [
            ParagraphStyle("toc0", fontName=FONT_BOLD, fontSize=11, leading=15, spaceBefore=5),
            ParagraphStyle(
                "toc1", fontName=FONT, fontSize=9.5, leading=12.5, leftIndent=14, firstLineIndent=0
            ),
        ]
        return [Paragraph(escape(_("Contents")), self.s["title"]), toc, PageBreak()]

    def plan(self) -> list[Flowable]:
        out: list[Flowable] = [self.heading(_("Crisis plan"), 0)]
        if not self.c.sections:
            out.append(Paragraph(escape(_("The plan has no sections yet.")), self.s["body"]))
        for section in self.c.sections:
            out.append(CondPageBreak(40 * mm))
            out.append(self.heading(section.title, 1))
            out.extend(self.md.render(section.body))
        out.append(PageBreak())
        return out

    def team_and_contacts(self) -> list[Flowable]:
        """The contact sheet's own pages (crisis team, call tree, other parties)."""
        return [*sheet_story(self.c.contacts, self.width), PageBreak()]

    # -- playbooks ----------------------------------------------------------------------
    def playbooks(self) -> list[Flowable]:
        out: list[Flowable] = [self.heading(_("Playbooks"), 0)]
        out.append(
            Paragraph(
                escape(
                    _(
                        "Tick each item when it is done and write the time and your initials "
                        "beside it. MUST items may not be skipped. Due times count from the "
                        "start of the incident (T)."
                    )
                ),
                self.s["body"],
            )
        )
        if not self.c.playbooks:
            out.append(Paragraph(escape(_("No playbooks are available.")), self.s["body"]))
        for playbook in self.c.playbooks:
            out.append(PageBreak())
            out.append(self.heading(playbook.title, 1))
            out.append(
                Paragraph(
                    escape(
                        _("version {version} · reviewed {date}").format(
                            version=playbook.version, date=playbook.last_reviewed
                        )
                    ),
                    self.s["small"],
                )
            )
            out.append(Spacer(1, 6))
            out.extend(self.md.render(playbook.summary))
            for phase in playbook.phases:
                out.extend(self.phase(phase))
        return out

    def phase(self, phase: Phase) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(35 * mm), Paragraph(escape(phase.title), self.s["h2"])]
        out.extend(self.md.render(phase.guidance))
        if phase.items:
            out.append(Spacer(1, 3))
            out.append(self.checklist(phase.items))
        return out

    def checklist(self, items: Sequence[ChecklistItem]) -> Table:
        cell, head = self.s["cell"], self.s["cellbold"]
        box = ParagraphStyle("tick", parent=cell, fontSize=13, leading=13)
        must_word = escape(must_label())
        must = f'<font color="{RED.hexval()}"><b>{must_word}</b></font>'
        rows: list[list[Flowable]] = [
            [
                Paragraph("", head),
                Paragraph(escape(_("Action")), head),
                Paragraph(escape(_("Owner")), head),
                Paragraph(escape(_("Due")), head),
                Paragraph(escape(_("Done (time, initials)")), head),
            ]
        ]
        for item in items:
            text = (must + " " if item.must else "") + escape(item.text)
            if item.note:
                text += f'<br/><font size="7.5" color="{GREY.hexval()}">{escape(item.note)}</font>'
            owner = self.role_names.get(item.owner_role or "", role_label(item.owner_role or ""))
            rows.append(
                [
                    Paragraph(TICK_BOX, box),
                    Paragraph(text, cell),
                    Paragraph(escape(owner), cell),
                    Paragraph(escape(due_label(item.due_minutes)), cell),
                    Paragraph("", cell),
                ]
            )
        fixed = [8 * mm, 30 * mm, 20 * mm, 26 * mm]
        widths = [fixed[0], self.width - sum(fixed), *fixed[1:]]
        table = text_table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(table_style())
        return table

    # -- paper log ----------------------------------------------------------------------
    def log_sheets(self) -> list[Flowable]:
        labels = LogSheetLabels.translated(_)
        out: list[Flowable] = [PageBreak()]
        for number in range(1, self.c.log_sheets + 1):
            if number > 1:
                out.append(PageBreak())
            if number == 1:
                out.append(self.heading(_("Log sheets"), 0))
            out.append(LogSheet(number, labels))
        return out


def write_handbook(
    out: Path | IO[bytes],
    content: HandbookContent,
    *,
    paper: str = "a4",
    progress: Progress | None = None,
) -> None:
    """Lay out and write the handbook PDF in its language; ``progress(done, total)``."""
    with use_language(content.language):
        builder = _Builder(content, paper)
        build_pdf(
            out,
            builder.story(),
            builder.frame(),
            pagesize=builder.pagesize,
            author=content.owner,
            subject=_("Crisis handbook"),
            on_progress=progress,
        )
