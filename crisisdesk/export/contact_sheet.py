"""The contact sheet: the crisis team and the call tree on paper, for use with a pen.

Modelled on the ICS 205A communications list: the crisis team on the first page (role,
primary, backups and their numbers), then the call tree in calling order with a tick
box and a time field per call and the backup to try, then the external parties
grouped, then everyone else. Numbers are printed large, in the national format. Every
page says CONFIDENTIAL, page x of y, the printed date and the plan version.

The wallet layout prints the crisis team as credit-card sized cards (primaries on the
front, backups on the back: cut out and fold along the dashed line).

The caller (a service) prepares the data with the numbers already formatted: this
module only lays it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
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

from crisisdesk.domain.i18n import _
from crisisdesk.export.pdfbase import (
    FONT,
    FONT_BOLD,
    GREY,
    LIGHT,
    RED,
    PageFrame,
    build_pdf,
    paper_size,
    styles,
    text_table,
    toc_heading,
)

LAYOUTS = ("sheet", "wallet")


@dataclass(frozen=True)
class SheetNumber:
    kind: str  # "mobile", "landline" or "other"
    text: str  # national format for home-country numbers; as typed when flagged
    flagged: bool = False  # could not be read as a phone number


@dataclass(frozen=True)
class SheetPerson:
    name: str
    title: str = ""  # job title or purpose
    organisation: str = ""
    numbers: tuple[SheetNumber, ...] = ()
    email: str = ""
    availability: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SheetRole:
    name: str
    members: tuple[SheetPerson, ...]  # primary first, then backups in order


@dataclass(frozen=True)
class SheetCall:
    number: str  # "1", "1.2", ...: the place in the tree
    depth: int
    caller: SheetPerson | None  # None: called by whoever activates the tree
    callee: SheetPerson
    callee_roles: tuple[str, ...] = ()
    backup: SheetPerson | None = None


@dataclass(frozen=True)
class ContactSheet:
    organisation: str
    plan_version: str
    printed: str  # date and time of printing, as shown
    roles: tuple[SheetRole, ...] = ()
    calls: tuple[SheetCall, ...] = ()
    external_groups: tuple[tuple[str, tuple[SheetPerson, ...]], ...] = ()
    others: tuple[SheetPerson, ...] = ()
    exercise: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


# -- styles ------------------------------------------------------------------------------
def _sheet_styles() -> dict[str, ParagraphStyle]:
    base = styles()
    cell = base["cell"]
    return {
        "title": base["title"],
        "h1": base["h1"],
        "h2": base["h2"],
        "body": base["body"],
        "small": base["small"],
        "cell": cell,
        "name": ParagraphStyle(
            "sheet-name", parent=cell, fontName=FONT_BOLD, fontSize=11, leading=13.5
        ),
        "role": ParagraphStyle(
            "sheet-role", parent=cell, fontName=FONT_BOLD, fontSize=10, leading=12.5
        ),
        "number": ParagraphStyle(
            "sheet-number", parent=cell, fontName=FONT_BOLD, fontSize=13, leading=16.5
        ),
        "callnumber": ParagraphStyle(
            "sheet-callnumber", parent=cell, fontName=FONT_BOLD, fontSize=12, leading=15.5
        ),
        "who": ParagraphStyle(
            "sheet-who", parent=cell, fontName=FONT_BOLD, fontSize=11, leading=13.5
        ),
        "numsmall": ParagraphStyle(
            "sheet-numsmall", parent=cell, fontName=FONT_BOLD, fontSize=10.5, leading=13
        ),
        "head": ParagraphStyle(
            "sheet-head", parent=cell, fontName=FONT_BOLD, fontSize=8, textColor=GREY
        ),
        "tick": ParagraphStyle("sheet-tick", parent=cell, fontSize=9.5, leading=15),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _kind_word(kind: str) -> str:
    return {"mobile": _("mob"), "landline": _("tel"), "other": _("other")}.get(kind, kind)


def _numbers(person: SheetPerson, style: ParagraphStyle, limit: int = 3) -> Paragraph:
    lines = []
    for n in person.numbers[:limit]:
        text = _esc(n.text)
        if not n.flagged:
            text = text.replace(" ", "&nbsp;")  # never break a number over two lines
        else:
            # a word, not only a colour: the sheet may be a grey photocopy
            text += (
                f' <font name="{FONT}" size="8" color="#b3261e">'
                + _esc(_("(not a valid number: as typed)"))
                + "</font>"
            )
        lines.append(
            f'<font name="{FONT}" size="7.5" color="#5f6368">{_kind_word(n.kind)}</font> {text}'
        )
    if not lines:
        none = _esc(_("no number"))
        lines.append(f'<font name="{FONT}" size="8.5" color="#5f6368">{none}</font>')
    return Paragraph("<br/>".join(lines), style)


def _who(
    person: SheetPerson, st: dict[str, ParagraphStyle], *, roles: tuple[str, ...] = ()
) -> Paragraph:
    """Roles, name and function in one paragraph (one paragraph per cell keeps a
    sheet of thousands of contacts fast to lay out)."""
    lines = []
    if roles:
        lines.append(f'<font size="10">{_esc(", ".join(roles))}</font>')
    lines.append(f'<font size="11">{_esc(person.name)}</font>')
    detail = " · ".join(x for x in (person.title, person.organisation) if x)
    if detail:
        lines.append(f'<font name="{FONT}" size="8">{_esc(detail)}</font>')
    return Paragraph("<br/>".join(lines), st["who"])


_GRID = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
    ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor("#9e9e9e")),
    ("TOPPADDING", (0, 0), (-1, -1), 4),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
]


def _table(
    rows: list[list[Any]], widths: list[float], extra: list[tuple[Any, ...]] | None = None
) -> Table:
    table = text_table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(_GRID + (extra or [])))
    return table


# reportlab lays out the rest of a table again at every page break: long lists are cut
# into tables of this many rows (each with its header) to keep that cost linear.
CHUNK_ROWS = 40


def _chunked(
    rows: list[list[Any]], widths: list[float], extra: list[tuple[Any, ...]] | None = None
) -> list[Flowable]:
    if len(rows) <= CHUNK_ROWS + 1:
        return [_table(rows, widths, extra)]
    # the header only above the first part: a header in the middle of a page reads badly
    tables = [_table(rows[: CHUNK_ROWS + 1], widths, extra)]
    for start in range(CHUNK_ROWS + 1, len(rows), CHUNK_ROWS):
        part = text_table(rows[start : start + CHUNK_ROWS], colWidths=widths)
        body_style = [c for c in _GRID + (extra or []) if not _header_only(c)]
        part.setStyle(TableStyle([_shift(c) for c in body_style]))
        tables.append(part)
    return tables


def _header_only(command: tuple[Any, ...]) -> bool:
    end: tuple[int, int] = command[2]
    return end[1] == 0


def _shift(command: tuple[Any, ...]) -> tuple[Any, ...]:
    """A style command written for a table with a header row, for one without it."""
    name, start, end, *rest = command
    if start[1] >= 1:
        start = (start[0], start[1] - 1)
    return (name, start, end, *rest)


# -- sections ----------------------------------------------------------------------------
def _header(sheet: ContactSheet, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = []
    if sheet.exercise:
        story.append(Paragraph(_esc(sheet.exercise), styles()["banner"]))
    story.append(Paragraph(_esc(_("Crisis contact sheet")), st["title"]))
    story.append(
        Paragraph(
            _esc(
                _("{org} · plan version {version} · printed {printed}").format(
                    org=sheet.organisation or _("(organisation not set)"),
                    version=sheet.plan_version,
                    printed=sheet.printed,
                )
            ),
            st["body"],
        )
    )
    story.append(
        Paragraph(
            _esc(
                _(
                    "CONFIDENTIAL — personal data. Keep with the crisis plan; destroy old copies "
                    "when a new version is printed."
                )
            ),
            ParagraphStyle("conf", parent=st["body"], textColor=RED, fontName=FONT_BOLD),
        )
    )
    for note in sheet.notes:
        story.append(Paragraph(_esc(note), st["small"]))
    story.append(Spacer(1, 4 * mm))
    return story


def _team(sheet: ContactSheet, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    story: list[Flowable] = [toc_heading(_esc(_("Crisis team")), st["h1"])]
    if not sheet.roles:
        story.append(Paragraph(_esc(_("No crisis-team roles defined yet.")), st["body"]))
        return story
    head = [Paragraph(_esc(t), st["head"]) for t in (_("Role"), _("Person"), _("Numbers"))]
    rows: list[list[Any]] = [head]
    shade: list[tuple[Any, ...]] = []
    for role in sheet.roles:
        first_row = len(rows)
        if not role.members:
            rows.append(
                [
                    Paragraph(_esc(role.name), st["role"]),
                    Paragraph(
                        _esc(_("nobody assigned")),
                        ParagraphStyle("nobody", parent=st["cell"], textColor=RED),
                    ),
                    "",
                ]
            )
        for rank, person in enumerate(role.members):
            label = role.name if rank == 0 else _("backup {n}").format(n=rank)
            label_style = st["role"] if rank == 0 else st["small"]
            rows.append(
                [
                    Paragraph(_esc(label), label_style),
                    _who(person, st),
                    _numbers(person, st["number"] if rank == 0 else st["numsmall"], 2),
                ]
            )
        if sheet.roles.index(role) % 2 == 0:
            shade.append(
                ("BACKGROUND", (0, first_row), (-1, len(rows) - 1), colors.HexColor("#f4f4f4"))
            )
    story.append(_table(rows, [width * 0.22, width * 0.40, width * 0.38], shade))
    return story


def _calls(sheet: ContactSheet, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    story: list[Flowable] = [toc_heading(_esc(_("Call tree")), st["h1"])]
    story.append(
        Paragraph(
            _esc(
                _(
                    "Call in this order. Tick and write the time when reached; not reached "
                    "after two tries: call the backup and note it."
                )
            ),
            st["body"],
        )
    )
    story.append(Spacer(1, 2 * mm))
    if not sheet.calls:
        story.append(Paragraph(_esc(_("No call tree defined yet.")), st["body"]))
        return story
    head = [
        Paragraph(_esc(t), st["head"])
        for t in ("#", _("Who calls"), _("Call"), _("Numbers"), _("Reached"), _("If not reached"))
    ]
    rows: list[list[Any]] = [head]
    tick = _esc(_("reached"))
    time = _esc(_("time"))
    for call in sheet.calls:
        caller = call.caller.name if call.caller else _("whoever activates the tree")
        backup: Any
        if call.backup is not None:
            backup = [
                Paragraph(
                    _esc(_("backup")) + ": <b>" + _esc(call.backup.name) + "</b>", st["cell"]
                ),
                _numbers(call.backup, st["numsmall"], 2),
                Paragraph(f'<font size="12">☐</font> {tick}', st["tick"]),
            ]
        else:
            backup = Paragraph(_esc(_("no backup named")), st["small"])
        rows.append(
            [
                Paragraph(_esc(call.number), st["role"] if call.depth == 0 else st["cell"]),
                Paragraph(_esc(caller), st["cell"]),
                _who(call.callee, st, roles=call.callee_roles),
                _numbers(call.callee, st["callnumber"], 2),
                Paragraph(f'<font size="15">☐</font> {tick}<br/>{time} ___:___', st["tick"]),
                backup,
            ]
        )
    widths = [0.075, 0.13, 0.235, 0.23, 0.11, 0.22]
    story.extend(_chunked(rows, [width * w for w in widths]))
    return story


def _people_table(
    people: tuple[SheetPerson, ...], st: dict[str, ParagraphStyle], width: float, *, notes: bool
) -> list[Flowable]:
    head = [
        Paragraph(_esc(t), st["head"])
        for t in (_("Name"), _("Numbers"), _("E-mail / availability") if notes else _("E-mail"))
    ]
    rows: list[list[Any]] = [head]
    for p in people:
        lines = [_esc(x) for x in (p.email, p.availability) if x]
        if notes and p.notes:
            lines.append(f'<font size="8">{_esc(p.notes)}</font>')
        cell = Paragraph("<br/>".join(lines), st["cell"])
        rows.append([_who(p, st), _numbers(p, st["numsmall"] if not notes else st["number"]), cell])
    return _chunked(rows, [width * 0.40, width * 0.30, width * 0.30])


def _external(sheet: ContactSheet, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if not sheet.external_groups:
        return story
    story.append(toc_heading(_esc(_("External parties")), st["h1"]))
    single = len(sheet.external_groups) == 1
    for group, people in sheet.external_groups:
        story.append(CondPageBreak(40 * mm))
        if not single:
            story.append(Paragraph(_esc(group), st["h2"]))
        story.extend(_people_table(people, st, width, notes=True))
    return story


def _others(sheet: ContactSheet, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """Everyone else, compactly: plain table cells (no paragraphs), so that thousands of
    contacts lay out in seconds."""
    if not sheet.others:
        return []
    widths = [width * 0.36, width * 0.30, width * 0.34]
    rows: list[list[Any]] = [[_("Name"), _("Numbers"), _("E-mail")]]
    for p in sheet.others:
        detail = " · ".join(x for x in (p.title, p.organisation) if x)
        numbers = [
            f"{_kind_word(n.kind)} {n.text}"
            + (" " + _("(not a valid number: as typed)") if n.flagged else "")
            for n in p.numbers[:2]
        ]
        rows.append(
            [
                _fit(p.name, FONT_BOLD, 9.5, widths[0] - 8)
                + ("\n" + _fit(detail, FONT, 9.5, widths[0] - 8) if detail else ""),
                "\n".join(_fit(n, FONT_BOLD, 10, widths[1] - 8) for n in numbers) or _("no number"),
                _fit(p.email, FONT, 9, widths[2] - 8),
            ]
        )
    fonts = [
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
        ("TEXTCOLOR", (0, 0), (-1, 0), GREY),
        ("FONT", (0, 1), (0, -1), FONT, 9, 11.5),
        ("FONT", (1, 1), (1, -1), FONT_BOLD, 10, 12.5),
        ("FONT", (2, 1), (2, -1), FONT, 9, 11.5),
    ]
    return [
        CondPageBreak(40 * mm),
        toc_heading(_esc(_("Other contacts")), st["h1"]),
        *_chunked(rows, widths, fonts),
    ]


# -- wallet cards ------------------------------------------------------------------------
CARD_W, CARD_H = 85.6 * mm, 54 * mm


class _Card(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One side of a wallet card: a heading and (role, name, number) lines."""

    def __init__(self, heading: str, footer: str, lines: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.heading, self.footer, self.lines = heading, footer, lines
        self.width, self.height = CARD_W, CARD_H

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        c.roundRect(0, 0, self.width, self.height, 3 * mm)
        pad = 3 * mm
        c.setFont(FONT_BOLD, 7.5)
        c.setFillColor(colors.black)
        c.drawString(pad, self.height - pad - 5, self.heading)
        c.setFont(FONT_BOLD, 5.5)
        c.setFillColor(RED)
        c.drawString(pad, pad, self.footer)
        c.setFillColor(colors.black)
        top = self.height - pad - 9
        room = top - pad - 8
        step = min(9.0, room / max(len(self.lines), 1))
        size = min(7.0, step - 1.2)
        y = top - step
        for role, name, number in self.lines:
            c.setFont(FONT, size * 0.9)
            c.setFillColor(GREY)
            c.drawString(pad, y, _fit(role, FONT, size * 0.9, 20 * mm))
            c.setFillColor(colors.black)
            c.setFont(FONT, size)
            c.drawString(pad + 21 * mm, y, _fit(name, FONT, size, 29 * mm))
            c.setFont(FONT_BOLD, size)
            c.drawRightString(self.width - pad, y, _fit(number, FONT_BOLD, size, 27 * mm))
            y -= step


def _fit(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _first_number(person: SheetPerson) -> str:
    return person.numbers[0].text if person.numbers else ""


def _wallet(sheet: ContactSheet, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    per_card = 13  # lines that stay readable on a card
    fronts, backs = [], []
    for role in sheet.roles:
        primary = role.members[0] if role.members else None
        backup = role.members[1] if len(role.members) > 1 else None
        fronts.append(
            (role.name, primary.name if primary else "—", _first_number(primary) if primary else "")
        )
        backs.append(
            (role.name, backup.name if backup else "—", _first_number(backup) if backup else "")
        )
    story: list[Flowable] = [
        Paragraph(_esc(_("Crisis team wallet cards")), st["h1"]),
        Paragraph(
            _esc(
                _(
                    "Cut out along the solid line, fold along the dashed line: primaries on "
                    "the front, first backups on the back. {org} · plan version {version} · "
                    "printed {printed}."
                ).format(
                    org=sheet.organisation or _("(organisation not set)"),
                    version=sheet.plan_version,
                    printed=sheet.printed,
                )
            ),
            st["body"],
        ),
        Spacer(1, 4 * mm),
    ]
    chunks = [
        (fronts[i : i + per_card], backs[i : i + per_card])
        for i in range(0, max(len(fronts), 1), per_card)
    ]
    footer = _("CONFIDENTIAL — personal data")
    cards: list[list[Any]] = []
    for number, (front, back) in enumerate(chunks, start=1):
        suffix = f" ({number}/{len(chunks)})" if len(chunks) > 1 else ""
        title = _("Crisis team — {org}").format(org=sheet.organisation) + suffix
        cards.append(
            [
                _Card(title, footer + " · v" + sheet.plan_version, front),
                _Card(_("Backups") + suffix, footer + " · " + sheet.printed, back),
            ]
        )
    copies = max(1, 3 // len(cards))  # fill the page: one card per team member
    table = text_table(cards * copies, colWidths=[CARD_W, CARD_W], rowHeights=CARD_H + 6 * mm)
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEAFTER", (0, 0), (0, -1), 0.6, LIGHT, 1, (2, 2)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    return story


# -- the document ------------------------------------------------------------------------
def sheet_story(sheet: ContactSheet, width: float) -> list[Flowable]:
    """The crisis team, the call tree and the other parties, without the sheet's own
    title block: the contact sheet and the printed handbook both print these. Each part
    starts with a ``toc_heading``, so a document with a table of contents lists them."""
    st = _sheet_styles()
    story = _team(sheet, st, width)
    story.append(PageBreak())
    story += _calls(sheet, st, width)
    if sheet.external_groups or sheet.others:
        story.append(PageBreak())
    story += _external(sheet, st, width)
    story += _others(sheet, st, width)
    return story


def build_contact_sheet(
    sheet: ContactSheet,
    out: Path | IO[bytes],
    *,
    paper: str = "a4",
    layout: str = "sheet",
    on_page: Callable[[int], None] | None = None,
) -> None:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout '{layout}' (choose {' or '.join(LAYOUTS)})")
    pagesize = paper_size(paper)
    width = pagesize[0] - 30 * mm
    st = _sheet_styles()
    story: list[Flowable] = []
    if layout == "wallet":
        story += _wallet(sheet, st, width)
        title = _("Crisis team wallet cards")
    else:
        story += _header(sheet, st)
        story += sheet_story(sheet, width)
        title = _("Crisis contact sheet")
    frame = PageFrame(
        title=title,
        organisation=sheet.organisation,
        reference=_("plan version {version}").format(version=sheet.plan_version),
        printed=_("printed {when}").format(when=sheet.printed),
        confidential=_("CONFIDENTIAL — personal data"),
        exercise=sheet.exercise,
        page_label=_("page {page} of {pages}"),
    )
    build_pdf(out, story, frame, pagesize=pagesize, on_page=on_page)
