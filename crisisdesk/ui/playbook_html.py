"""A playbook rendered as HTML for a QTextBrowser (markdown by the markdown package).

Checklist items show a box, a MUST marker (a word, not colour alone), the owner role
and the due time after incident start, with the note underneath.
"""

from __future__ import annotations

import functools
import html

import markdown

from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import crisis_type_label, must_label, role_label
from crisisdesk.domain.playbook import ChecklistItem, Playbook
from crisisdesk.domain.readiness import Status
from crisisdesk.ui.style import status_colour


def format_due(minutes: int) -> str:
    """Due time after incident start: h:mm, or whole days for long ones."""
    if minutes >= 24 * 60 and minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return _("{days} d").format(days=days)
    return f"{minutes // 60}:{minutes % 60:02d}"


@functools.cache
def _renderer() -> markdown.Markdown:
    # One renderer, reset per text: building a Markdown instance costs ~2 ms, and a
    # playbook has a hundred items.
    renderer = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    renderer.preprocessors.deregister("html_block")
    renderer.inlinePatterns.deregister("html")
    return renderer


def md(text: str) -> str:
    """Markdown to HTML; raw HTML in a playbook file is shown as text, never as markup."""
    renderer = _renderer()
    renderer.reset()
    return str(renderer.convert(text))


def md_inline(text: str) -> str:
    """Inline markdown (bold, links, code) without the surrounding paragraph."""
    rendered = md(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


def item_html(item: ChecklistItem) -> str:
    details = []
    if item.must:
        colour = status_colour(Status.BAD)
        must = html.escape(must_label())
        details.append(f'<b style="color:{colour}">{must}</b>')
    if item.owner_role:
        details.append(html.escape(_("owner: {role}").format(role=role_label(item.owner_role))))
    if item.due_minutes is not None:
        details.append(
            html.escape(_("due: {time} after start").format(time=format_due(item.due_minutes)))
        )
    detail_html = " · ".join(details)
    grey = status_colour(Status.INFO)
    note = (
        f'<div style="color:{grey}; margin-top:2px">{md_inline(item.note).replace(chr(10), "<br>")}</div>'
        if item.note
        else ""
    )
    return (
        "<tr>"
        '<td width="28" style="font-size:large; padding-right:6px" valign="top">☐</td>'
        f'<td valign="top" style="padding-bottom:8px">{md_inline(item.text)}'
        f"<div>{detail_html}</div>{note}</td>"
        "</tr>"
    )


def playbook_html(playbook: Playbook, *, builtin: bool = True) -> str:
    """The whole playbook as one HTML page."""
    parts = [f"<h1>{html.escape(playbook.title)}</h1>"]
    meta = _("{type} · {language} · version {version} · reviewed {reviewed} · {source}").format(
        type=crisis_type_label(playbook.crisis_type),
        language=playbook.language.upper(),
        version=playbook.version,
        reviewed=playbook.last_reviewed,
        source=_("built-in") if builtin else _("own playbook"),
    )
    grey = status_colour(Status.INFO)
    parts.append(f'<p style="color:{grey}">{html.escape(meta)}</p>')
    if playbook.deadlines:
        parts.append(
            "<p>"
            + html.escape(
                _("Legal deadlines to watch: {list}").format(
                    list=", ".join(d.upper() for d in playbook.deadlines)
                )
            )
            + "</p>"
        )
    if playbook.summary:
        parts.append(md(playbook.summary))
    for number, phase in enumerate(playbook.phases, start=1):
        parts.append(f"<h2>{number}. {html.escape(phase.title)}</h2>")
        if phase.guidance:
            parts.append(md(phase.guidance))
        rows = "".join(item_html(item) for item in phase.items)
        parts.append(f'<table cellspacing="0" cellpadding="2" width="100%">{rows}</table>')
    if playbook.sources:
        sources = html.escape(_("Sources"))
        parts.append(f"<h3>{sources}</h3>")
        parts.append(
            "<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in playbook.sources) + "</ul>"
        )
    return "\n".join(parts)
