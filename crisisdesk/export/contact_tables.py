"""The crisis team and the contact list as printed tables (ICS 205A in spirit: position,
name, how to reach them), shared by every PDF that prints who to call."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from html import escape

from reportlab.lib import colors
from reportlab.lib.styles import StyleSheet1
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from crisisdesk.domain.contacts import ChannelKind, Contact, Role
from crisisdesk.export.pdfbase import (
    CELL_PADDING,
    FONT_BOLD,
    LIGHT,
    RED,
    column_widths,
    plain_text,
)

Translate = Callable[[str], str]

GRID = colors.HexColor("#9e9e9e")


def table_style(header_rows: int = 1) -> TableStyle:
    """The grid every printed list uses: light header, rows that do not float apart."""
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), LIGHT))
    return TableStyle(commands)


def phone_lines(contact: Contact, _: Translate) -> list[str]:
    """Each phone number as typed, marked mobile (M) or landline (L); numbers that
    could not be checked carry a warning so nobody trusts them blindly."""
    marks = {ChannelKind.MOBILE: _("M"), ChannelKind.LANDLINE: _("L")}
    lines = []
    for channel in contact.channels:
        if not channel.is_phone:
            continue
        line = f"{marks[channel.kind]} {escape(channel.value)}"
        if channel.flagged:
            warning = escape(_("(unchecked)"))
            line += f' <font color="{RED.hexval()}">{warning}</font>'
        lines.append(line)
    return lines


def emails(contact: Contact, room: float, font: str, size: float) -> list[str]:
    """Each e-mail address; one too wide for ``room`` breaks after the '@', where a
    reader expects it, rather than wherever the width runs out."""
    out = []
    for channel in contact.channels:
        if channel.kind != ChannelKind.EMAIL:
            continue
        address = escape(channel.value)
        if stringWidth(channel.value, font, size) > room and "@" in address:
            local, _at, domain = address.partition("@")
            address = f"{local}@<br/>{domain}"
        out.append(address)
    return out


def _person(contact: Contact | None, _: Translate) -> str:
    if contact is None:
        unknown = escape(_("(unknown contact)"))
        return f"<i>{unknown}</i>"
    return "<br/>".join([f"<b>{escape(contact.name)}</b>", *phone_lines(contact, _)])


def team_table(
    roles: Iterable[Role],
    contacts: Mapping[str, Contact],
    sheet: StyleSheet1,
    width: float,
    _: Translate,
) -> Table:
    """Role (with what it does) | primary with numbers | backups with numbers."""
    cell, head = sheet["cell"], sheet["cellbold"]
    rows = [
        [
            Paragraph(escape(_("Role")), head),
            Paragraph(escape(_("Primary")), head),
            Paragraph(escape(_("Backups, in order")), head),
        ]
    ]
    nobody = escape(_("NOBODY ASSIGNED"))
    for role in roles:
        description = f"<br/>{escape(role.description)}" if role.description else ""
        primary = (
            _person(contacts.get(role.primary), _)
            if role.primary
            else f'<font color="{RED.hexval()}"><b>{nobody}</b></font>'
        )
        backups = "<br/><br/>".join(
            f"{n}. {_person(contacts.get(cid), _)}" for n, cid in enumerate(role.backups, start=1)
        )
        rows.append(
            [
                Paragraph(
                    f'<font name="{FONT_BOLD}">{escape(role.name)}</font>{description}', cell
                ),
                Paragraph(primary, cell),
                Paragraph(backups or "—", cell),
            ]
        )
    table = Table(rows, colWidths=[width * 0.34, width * 0.30, width * 0.36], repeatRows=1)
    table.setStyle(table_style())
    return table


def contacts_table(
    contacts: Iterable[Contact],
    sheet: StyleSheet1,
    width: float,
    _: Translate,
    home_organisation: str = "",
) -> Table:
    """Name | organisation and function | phones | e-mail | availability and notes.

    The ``home_organisation`` (the handbook's own) is left out of the function column:
    repeated on every row it only hides what differs. Columns are as wide as their text
    needs, so a list of external parties (long notes) and one of staff (long e-mail
    addresses) both read well."""
    cell, head = sheet["cell"], sheet["cellbold"]
    headers = [
        _("Name"),
        _("Organisation / function"),
        _("Phone"),
        _("E-mail"),
        _("Availability / notes"),
    ]
    people = list(contacts)
    texts: list[list[str]] = []
    for contact in people:
        organisation = "" if contact.organisation == home_organisation else contact.organisation
        texts.append(
            [
                contact.name,
                "\n".join(x for x in (contact.job_title, organisation) if x),
                "\n".join(plain_text(line) for line in phone_lines(contact, _)),
                # an address may break after its '@' (see emails()): measured as if spaced
                "\n".join(
                    c.value.replace("@", "@ ", 1)
                    for c in contact.channels
                    if c.kind == ChannelKind.EMAIL
                ),
                "\n".join(x for x in (contact.availability, contact.notes) if x),
            ]
        )
    widths = column_widths(
        [headers, *texts], width, [FONT_BOLD, *[cell.fontName] * 4], cell.fontSize, whole_lines=[2]
    )
    room = widths[3] - CELL_PADDING
    rows = [[Paragraph(escape(h), head) for h in headers]]
    for contact, text in zip(people, texts, strict=True):
        rows.append(
            [
                Paragraph(f"<b>{escape(text[0])}</b>", cell),
                Paragraph(escape(text[1]).replace("\n", "<br/>"), cell),
                Paragraph("<br/>".join(phone_lines(contact, _)) or "—", cell),
                Paragraph(
                    "<br/>".join(emails(contact, room, cell.fontName, cell.fontSize)) or "—", cell
                ),
                Paragraph(escape(text[4]).replace("\n", "<br/>"), cell),
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style())
    return table
