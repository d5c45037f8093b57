"""vCard 3.0 and 4.0 (RFC 2426, RFC 6350) as phones, Apple Contacts, Outlook and Google
write them, parsed with vobject.

vobject parses one card at a time; this module only finds where each card starts and
ends, so that every problem can be reported with its line number.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import vobject

from crisisdesk.domain.contacts import Channel, ChannelKind, Contact
from crisisdesk.domain.errors import Problem
from crisisdesk.domain.i18n import _
from crisisdesk.interchange.records import ImportedContact, ReadResult

_MOBILE_TYPES = {"cell", "mobile", "iphone"}
_OTHER_TYPES = {"fax", "pager", "textphone", "video"}
_NOISE_TYPES = {"pref", "voice", "internet", "x400", "text", "msg"}


def looks_like_vcard(text: str) -> bool:
    return text.lstrip().upper().startswith("BEGIN:VCARD")


def read_vcards(text: str, source: str, encoding: str) -> ReadResult:
    result = ReadResult(source, "vCard", encoding)
    for start, lines in _blocks(text, source, result.problems):
        card_text = "\r\n".join(value for _n, value in lines) + "\r\n"
        try:
            component = vobject.readOne(card_text)
        except Exception as exc:  # vobject raises several kinds for a malformed card
            result.problems.append(
                Problem(source, start, _("this vCard cannot be read: {error}").format(error=exc))
            )
            continue
        contact = _to_contact(component, source, start, result.problems)
        if contact is not None:
            result.contacts.append(ImportedContact(start, contact))
    return result


def _blocks(
    text: str, source: str, problems: list[Problem]
) -> list[tuple[int, list[tuple[int, str]]]]:
    """Cards as (first line, [(line number, unfolded property line)])."""
    blocks: list[tuple[int, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] | None = None
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t"):  # folded continuation of the previous line
            if current:
                current[-1] = (current[-1][0], current[-1][1] + raw[1:])
            elif raw.strip():
                problems.append(Problem(source, number, _("text outside a vCard")))
            continue
        line = raw.rstrip("\r")
        upper = line.strip().upper()
        if current is None:
            if upper == "BEGIN:VCARD":
                current, start = [(number, line.strip())], number
            elif upper:
                problems.append(
                    Problem(
                        source,
                        number,
                        _("text outside a vCard (expected BEGIN:VCARD): '{text}'").format(
                            text=_clip(line)
                        ),
                    )
                )
            continue
        if upper == "BEGIN:VCARD":
            problems.append(
                Problem(source, start, _("this vCard has no END:VCARD (the file is truncated?)"))
            )
            current, start = [(number, line.strip())], number
            continue
        if not line.strip():
            continue
        current.append((number, line))
        if upper == "END:VCARD":
            bad = [(n, v) for n, v in current if ":" not in v or v.startswith(":")]
            for n, v in bad:
                problems.append(
                    Problem(
                        source,
                        n,
                        _("not a vCard property line (NAME:value): '{text}'").format(text=_clip(v)),
                    )
                )
            if not bad:
                blocks.append((start, current))
            current = None
    if current is not None:
        problems.append(
            Problem(source, start, _("this vCard has no END:VCARD (the file is truncated?)"))
        )
    return blocks


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _types(child: Any) -> list[str]:
    types: list[str] = []
    for key in ("TYPE", "type"):
        for value in child.params.get(key, []):
            types.extend(t.strip().lower() for t in str(value).split(",") if t.strip())
    # vCard 2.1 style bare parameters, e.g. TEL;CELL:...
    types.extend(str(k).lower() for k, v in child.params.items() if v == [] or v == [None])
    return types


def _labels_by_group(component: Any) -> dict[str, str]:
    """Apple's item1.TEL + item1.X-ABLabel:_$!<Mobile>!$_ custom labels."""
    labels = {}
    for child in component.getChildren():
        if child.name == "X-ABLABEL" and child.group:
            text = str(child.value)
            if text.startswith("_$!<") and text.endswith(">!$_"):
                text = text[4:-4]
            labels[child.group] = text
    return labels


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value if str(v).strip())
    return str(value or "").strip()


def _name(component: Any) -> str:
    fn = component.contents.get("fn")
    if fn and _text(fn[0].value):
        return _text(fn[0].value)
    n = component.contents.get("n")
    if n:
        value = n[0].value
        if isinstance(value, vobject.vcard.Name):
            parts = [value.prefix, value.given, value.additional, value.family, value.suffix]
            return " ".join(_text(p) for p in parts if _text(p))
        return " ".join(p for p in str(value).split(";")[::-1] if p.strip())
    return ""


def _to_contact(component: Any, source: str, line: int, problems: list[Problem]) -> Contact | None:
    if component.name != "VCARD":
        problems.append(Problem(source, line, _("not a vCard")))
        return None
    orgs = component.contents.get("org", [])
    org_value = orgs[0].value if orgs else ""
    # ORG is "organisation;unit;unit": the units are departments, not the name.
    organisation = _text(org_value[:1] if isinstance(org_value, list) else org_value)
    name = _name(component)
    kind_values = [_text(c.value).lower() for c in component.contents.get("kind", [])]
    show_as = [_text(c.value).upper() for c in component.contents.get("x-abshowas", [])]
    is_org = "org" in kind_values or "COMPANY" in show_as or (not name and bool(organisation))
    if not name:
        name = organisation
    if not name:
        problems.append(Problem(source, line, _("this vCard has no name (FN, N or ORG)")))
        return None
    group_labels = _labels_by_group(component)
    channels: list[Channel] = []
    for child in component.getChildren():
        if child.name not in ("TEL", "EMAIL"):
            continue
        value = _text(child.value)
        if value.lower().startswith("tel:"):
            value = value[4:]
        if value.lower().startswith("mailto:"):
            value = value[7:]
        if not value:
            continue
        types = _types(child)
        label = group_labels.get(child.group or "", "")
        if not label:
            label = next((t for t in types if t not in _NOISE_TYPES | _MOBILE_TYPES), "")
        if child.name == "EMAIL":
            kind = ChannelKind.EMAIL
        elif _MOBILE_TYPES & set(types) or label.lower() in _MOBILE_TYPES:
            kind = ChannelKind.MOBILE
        elif _OTHER_TYPES & set(types):
            kind = ChannelKind.OTHER
        else:
            kind = ChannelKind.LANDLINE
        channels.append(Channel(kind=kind, value=value, label=label))
    titles = [_text(c.value) for c in component.contents.get("title", [])]
    titles += [_text(c.value) for c in component.contents.get("role", [])]
    labels: list[str] = []
    for child in component.contents.get("categories", []):
        values = child.value if isinstance(child.value, list) else str(child.value).split(",")
        labels.extend(str(v).strip() for v in values if str(v).strip())
    notes = "\n".join(_text(c.value) for c in component.contents.get("note", []))
    own = {
        key: _text(component.contents[key][0].value)
        for key in ("x-crisisdesk-internal", "x-crisisdesk-availability", "x-crisisdesk-verified")
        if key in component.contents
    }
    verified = None
    if own.get("x-crisisdesk-verified"):
        try:
            verified = date.fromisoformat(own["x-crisisdesk-verified"])
        except ValueError:
            problems.append(
                Problem(
                    source,
                    line,
                    _("X-CRISISDESK-VERIFIED '{value}' is not a date (YYYY-MM-DD)").format(
                        value=own["x-crisisdesk-verified"]
                    ),
                )
            )
    return Contact(
        id="",
        name=name,
        kind="organisation" if is_org else "person",
        organisation=organisation,
        job_title=", ".join(t for t in titles if t),
        internal=own.get("x-crisisdesk-internal", "").lower() in ("yes", "true", "1"),
        channels=tuple(channels),
        labels=tuple(labels),
        notes=notes,
        availability=own.get("x-crisisdesk-availability", ""),
        last_verified=verified,
    )


# -- writing ---------------------------------------------------------------------------
_TEL_TYPES = {
    ChannelKind.MOBILE: ["CELL", "VOICE"],
    ChannelKind.LANDLINE: ["VOICE"],
    ChannelKind.OTHER: ["OTHER"],
}


def write_vcards(contacts: list[Contact]) -> str:
    """vCard 3.0, which every phone and address book reads."""
    return "".join(_card(contact).serialize() for contact in contacts)


def _card(contact: Contact) -> Any:
    card = vobject.vCard()
    card.add("fn").value = contact.name
    if contact.kind == "organisation":
        card.add("n").value = vobject.vcard.Name()
        card.add("x-abshowas").value = "COMPANY"
    else:
        given, _sep, family = contact.name.partition(" ")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if contact.organisation:
        card.add("org").value = [contact.organisation]
    if contact.job_title:
        card.add("title").value = contact.job_title
    for ch in contact.channels:
        if ch.kind == ChannelKind.EMAIL:
            prop = card.add("email")
            prop.value = ch.value
            prop.type_param = "INTERNET"
            continue
        prop = card.add("tel")
        prop.value = ch.e164 or ch.value
        types = list(_TEL_TYPES[ch.kind])
        if ch.label.isalnum() and ch.label.upper() not in types:
            types.append(ch.label.upper())
        prop.params["TYPE"] = types
    if contact.labels:
        card.add("categories").value = list(contact.labels)
    if contact.notes:
        card.add("note").value = contact.notes
    card.add("x-crisisdesk-internal").value = "yes" if contact.internal else "no"
    if contact.availability:
        card.add("x-crisisdesk-availability").value = contact.availability
    if contact.last_verified:
        card.add("x-crisisdesk-verified").value = contact.last_verified.isoformat()
    return card
