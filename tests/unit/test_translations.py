"""The Dutch interface: every visible string translated, catalogs compiled, format
placeholders kept. Fails when a string is added without a Dutch translation: run
`make i18n`, translate the empty msgstr entries in crisisdesk.po, run it again."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path
from types import ModuleType

from crisisdesk.domain.i18n import translations

ROOT = Path(__file__).resolve().parent.parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _tool()


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def test_every_visible_string_has_a_dutch_translation() -> None:
    po = tool.read(tool.po_path("nl"), "nl")
    missing = []
    for message in tool.extract():
        if not message.id:
            continue
        translated = po.get(message.id)
        if translated is None or not tool.is_translated(translated):
            where = ", ".join(f"{f}:{n}" for f, n in message.locations)
            missing.append(f"{_key(message.id)!r} ({where})")
    assert not missing, (
        f"{len(missing)} string(s) without a Dutch translation; run `make i18n` and "
        "translate them in crisisdesk/locale/nl/LC_MESSAGES/crisisdesk.po:\n" + "\n".join(missing)
    )


_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def test_translations_keep_every_placeholder() -> None:
    wrong = []
    for message in tool.read(tool.po_path("nl"), "nl"):
        if not message.id or not tool.is_translated(message):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(_PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if set(_PLACEHOLDER.findall(string)) != wanted:
                wrong.append(f"{ids[0]!r} -> {string!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_compiled_catalog_matches_the_po_file() -> None:
    """The committed .mo (what an installed crisisdesk reads) says what the .po says."""
    runtime = translations("nl")
    stale = []
    for message in tool.read(tool.po_path("nl"), "nl"):
        if not message.id or not tool.is_translated(message):
            continue
        if isinstance(message.id, tuple):
            got = (runtime.ngettext(*message.id, 1), runtime.ngettext(*message.id, 5))
            if got != tuple(message.string):
                stale.append(message.id[0])
        elif runtime.gettext(message.id) != message.string:
            stale.append(message.id)
    assert not stale, "the .mo is older than the .po; run `make i18n`:\n" + "\n".join(stale)


def test_no_translated_call_hides_inside_an_f_string() -> None:
    """The extractor cannot see _() inside f-strings: such a string would never be
    translated and the test above would not notice."""
    hidden = []
    for path in sorted((ROOT / "crisisdesk").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if (
                        isinstance(inner, ast.Call)
                        and isinstance(inner.func, ast.Name)
                        and inner.func.id in ("_", "ngettext")
                    ):
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not hidden, "move these _() calls out of f-strings:\n" + "\n".join(hidden)


def test_english_is_the_source_and_dutch_plural_rule_applies() -> None:
    dutch = translations("nl")
    english = translations("en")
    singular, plural = "{count} open improvement action", "{count} open improvement actions"
    assert english.ngettext(singular, plural, 1) == singular
    assert dutch.ngettext(singular, plural, 1) != dutch.ngettext(singular, plural, 2)
    assert dutch.gettext("Readiness") != "Readiness"
