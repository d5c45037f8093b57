"""Reading a contacts file's bytes as text, refusing what is not a text file.

Exporters write UTF-8 (Google, Apple, phones; Outlook with a byte-order mark),
Windows-1252 (older Outlook on Windows) or UTF-16 with a byte-order mark (some Outlook
versions). The encoding is detected, not asked: UTF-8 is tried first because a
Windows-1252 file is almost never valid UTF-8 by accident.
"""

from __future__ import annotations

import codecs

from crisisdesk.domain.errors import InvalidInput, Problem
from crisisdesk.domain.i18n import _

MAX_BYTES = 50 * 1024 * 1024  # far beyond any real address book
MAX_LINE_CHARS = 65_536  # a vCard photo is folded into short lines; a CSV row is short
# Control characters that never occur in a text file (tab, newlines and form feed do).
_BINARY = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\x0c"}


def _binary_message() -> str:
    return _("control characters found: this is a binary file, not a vCard or CSV contacts file")


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Return (text, encoding name). Raises InvalidInput when it is not a text file."""
    if not data.strip():
        raise InvalidInput([Problem(source, None, _("the file is empty: no contacts in it"))])
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            [
                Problem(
                    source,
                    None,
                    _("the file is {mb} MB; a contacts file is at most {limit} MB").format(
                        mb=len(data) // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)
                    ),
                )
            ]
        )
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in data:
        raise InvalidInput(
            [Problem(source, data[: data.index(b"\x00")].count(b"\n") + 1, _binary_message())]
        )
    if utf16:
        text, encoding = _try(data, "utf-16", source), "UTF-16"
    elif data.startswith(codecs.BOM_UTF8):
        text, encoding = _try(data, "utf-8-sig", source), "UTF-8 (with BOM)"
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, encoding = _try(data, "cp1252", source), "Windows-1252"
    _refuse_binary(text, source)
    _refuse_huge_lines(text, source)
    return text, encoding


def _try(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            [
                Problem(
                    source,
                    line,
                    _(
                        "byte 0x{byte:02X} is not text in UTF-8, UTF-16 or Windows-1252: "
                        "not a contacts file, or damaged"
                    ).format(byte=data[exc.start]),
                )
            ]
        ) from None


def _refuse_binary(text: str, source: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if any(ch in _BINARY for ch in line):
            raise InvalidInput(
                [
                    Problem(
                        source,
                        number,
                        _binary_message(),
                    )
                ]
            )


def _refuse_huge_lines(text: str, source: str) -> None:
    problems = [
        Problem(
            source,
            number,
            _("the line is {n} characters long (at most {limit}): not a contacts file?").format(
                n=len(line), limit=MAX_LINE_CHARS
            ),
        )
        for number, line in enumerate(text.splitlines(), start=1)
        if len(line) > MAX_LINE_CHARS
    ]
    if problems:
        raise InvalidInput(problems)
