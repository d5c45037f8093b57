"""Markdown (plan sections, playbook guidance) as reportlab flowables.

The ``markdown`` package turns the text into HTML; this module reads that HTML back
(``html.parser``) and builds the subset reportlab can print: headings, paragraphs with
bold, italic and code, bullet and numbered lists (nested), tables, block quotes, code
blocks and rules. Raw HTML in the text is printed as typed, and markup this subset
lacks is printed as its plain text: what the user wrote always reaches the paper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

import markdown as md
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    TableStyle,
    XPreformatted,
)

from crisisdesk.export.pdfbase import FONT_BOLD, FONT_MONO, GREY, LIGHT, column_widths, text_table

# Inline HTML tags and the reportlab paragraph markup they become (open, close).
_INLINE = {
    "strong": ("<b>", "</b>"),
    "b": ("<b>", "</b>"),
    "em": ("<i>", "</i>"),
    "i": ("<i>", "</i>"),
    "code": (f'<font face="{FONT_MONO}">', "</font>"),
    "del": ("<strike>", "</strike>"),
    "a": ("<u>", "</u>"),
}
_VOID = {"br", "hr", "img"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self._stack[-1].children.append(node)
        if tag not in _VOID:
            self._stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


def html_tree(text: str) -> Node:
    """The markdown ``text`` as a tree of HTML nodes."""
    converter = md.Markdown(extensions=["tables", "sane_lists", "fenced_code"])
    # Raw HTML is printed as typed: "call <Jan> first" must not lose a word.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    builder = _TreeBuilder()
    builder.feed(converter.convert(text))
    builder.close()
    return builder.root


def inline_markup(node: Node | str) -> str:
    """Paragraph markup for inline content (text escaped, emphasis kept)."""
    if isinstance(node, str):
        return escape(node, quote=False)
    if node.tag == "br":
        return "<br/>"
    inner = "".join(inline_markup(c) for c in node.children)
    if node.tag == "a" and node.attrs.get("href"):
        href = node.attrs["href"]
        if href not in inner:  # on paper the address must be readable
            inner = f"{inner} ({escape(href, quote=False)})"
    opening, closing = _INLINE.get(node.tag, ("", ""))
    return f"{opening}{inner}{closing}"


_BLOCK = {"p", "ul", "ol", "table", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}


class MarkdownRenderer:
    """Builds flowables from markdown with the given style sheet (pdfbase.styles())."""

    def __init__(self, sheet: StyleSheet1, width: float) -> None:
        self.sheet = sheet
        self.width = width
        body = sheet["body"]
        self.para = ParagraphStyle("md-body", parent=body, spaceAfter=5)
        self.h_big = ParagraphStyle(
            "md-h2", parent=body, fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=6
        )
        self.h_small = ParagraphStyle(
            "md-h3", parent=body, fontName=FONT_BOLD, spaceBefore=4, spaceAfter=2
        )
        self.cell = sheet["cell"]
        self.cell_head = sheet["cellbold"]
        self.quote = ParagraphStyle(
            "md-quote", parent=self.para, leftIndent=12, textColor=GREY, fontName=body.fontName
        )
        self.code = ParagraphStyle("md-code", parent=sheet["mono"], leftIndent=8, spaceAfter=5)

    def render(self, text: str) -> list[Flowable]:
        return self._blocks(html_tree(text).children, self.width, self.para)

    # -- blocks -------------------------------------------------------------------------
    def _blocks(
        self, nodes: list[Node | str], width: float, style: ParagraphStyle
    ) -> list[Flowable]:
        out: list[Flowable] = []
        loose: list[Node | str] = []  # inline content outside a block element

        def flush() -> None:
            markup = "".join(inline_markup(n) for n in loose).strip()
            if markup:
                out.append(Paragraph(markup, style))
            loose.clear()

        for node in nodes:
            if isinstance(node, Node) and node.tag in _BLOCK:
                flush()
                out.extend(self._block(node, width, style))
            else:
                loose.append(node)
        flush()
        return out

    def _block(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        handler: Callable[[Node, float, ParagraphStyle], list[Flowable]] = getattr(
            self, f"_{node.tag}", self._p
        )
        return handler(node, width, style)

    def _p(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        markup = inline_markup(node).strip()
        return [Paragraph(markup, style)] if markup else []

    def _heading(self, node: Node, style: ParagraphStyle) -> list[Flowable]:
        return [Paragraph(inline_markup(node).strip(), style)]

    def _h1(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        return self._heading(node, self.h_big)

    _h2 = _h1

    def _h3(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        return self._heading(node, self.h_small)

    _h4 = _h5 = _h6 = _h3

    def _hr(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        return [HRFlowable(width="100%", thickness=0.5, color=LIGHT, spaceBefore=3, spaceAfter=3)]

    def _pre(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        text = "".join(_text_of(c) for c in node.children).rstrip("\n")
        return [XPreformatted(escape(text, quote=False), self.code)]

    def _blockquote(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        return self._blocks(node.children, width - 12, self.quote)

    def _ul(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        return [self._list(node, width, style, ordered=False)]

    def _ol(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        return [self._list(node, width, style, ordered=True)]

    def _list(self, node: Node, width: float, style: ParagraphStyle, *, ordered: bool) -> Flowable:
        indent = 14
        item_style = ParagraphStyle(f"{style.name}-li", parent=style, spaceAfter=2)
        items = []
        for child in node.children:
            if not (isinstance(child, Node) and child.tag == "li"):
                continue
            content = self._blocks(child.children, width - indent, item_style) or [
                Spacer(1, item_style.leading)
            ]
            items.append(ListItem(content))
        start = int(node.attrs.get("start", "1") or 1) if ordered else 1
        return ListFlowable(
            items,
            bulletType="1" if ordered else "bullet",
            start=start if ordered else "•",
            leftIndent=indent,
            bulletFontName=style.fontName,
            bulletFontSize=style.fontSize,
            bulletFormat="%s." if ordered else None,
            spaceAfter=4,
        )

    def _table(self, node: Node, width: float, style: ParagraphStyle) -> list[Flowable]:
        rows: list[list[Paragraph]] = []
        header_rows = 0
        texts: list[list[str]] = []
        for section in node.children:
            if not isinstance(section, Node):
                continue
            trs = [c for c in section.children if isinstance(c, Node) and c.tag == "tr"]
            if section.tag == "tr":
                trs = [section]
            for tr in trs:
                cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]
                is_head = section.tag == "thead" or all(c.tag == "th" for c in cells)
                if is_head and len(rows) == header_rows:
                    header_rows += 1
                cell_style = self.cell_head if is_head else self.cell
                rows.append([Paragraph(inline_markup(c).strip(), cell_style) for c in cells])
                texts.append([_text_of(c).strip() for c in cells])
        if not rows:
            return []
        columns = max(len(r) for r in rows)
        for row in rows:
            row.extend(Paragraph("", self.cell) for _ in range(columns - len(row)))
        table = text_table(
            rows,
            colWidths=column_widths(texts, width, self.cell.fontName, self.cell.fontSize),
            repeatRows=header_rows,
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9e9e9e")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    *(
                        [("BACKGROUND", (0, 0), (-1, header_rows - 1), LIGHT)]
                        if header_rows
                        else []
                    ),
                ]
            )
        )
        return [table, Spacer(1, 6)]


def _text_of(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text_of(c) for c in node.children)
