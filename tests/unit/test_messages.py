"""Stakeholder message templates: filled from an incident, gaps marked, never invented."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crisisdesk.domain.errors import InvalidInput
from crisisdesk.domain.messages import (
    Contact,
    MessageFacts,
    MessageKind,
    fill,
    format_time,
    message_values,
)
from crisisdesk.domain.playbook import PLAYBOOK_LANGUAGES
from crisisdesk.playbooks.messages import builtin_templates, parse_template, template

CET = timezone(timedelta(hours=1))

FACTS = MessageFacts(
    organisation="Noordhaven Logistiek B.V.",
    title="Ransomware on the file servers",
    severity="high",
    lead="Jan de Vries",
    exercise=False,
    detected_at=datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
    aware_at=None,
    written_at=datetime(2026, 3, 2, 10, 5, tzinfo=UTC),
    phase="Security and isolation",
    scope=("File server FS01 (isolated)", "ERP database (confirmed)"),
    measures=("Disconnect the file servers (09:40)",),
    contact=Contact("Lotte Smit", "+31 6 12345006", ""),
    dpo=Contact("Esther Dekker", "+31 6 12345008", "fg@noordhaven.example"),
)


def test_format_time_shows_local_time_with_offset() -> None:
    assert (
        format_time(datetime(2026, 3, 2, 8, 30, tzinfo=UTC), CET) == "2026-03-02 09:30 (UTC+01:00)"
    )
    assert (
        format_time(datetime(2026, 7, 1, 23, 15, tzinfo=UTC), timezone(timedelta(hours=-5)))
        == "2026-07-01 18:15 (UTC-05:00)"
    )


def test_internal_update_in_english_exactly() -> None:
    filled = fill(template("internal", "en"), message_values(FACTS, CET), exercise=False)
    assert filled.subject == (
        "Update for all staff: Ransomware on the file servers (2026-03-02 11:05 (UTC+01:00))"
    )
    assert filled.body == (
        "To all staff of Noordhaven Logistiek B.V.,\n"
        "\n"
        "Since 2026-03-02 09:30 (UTC+01:00) we have been dealing with an incident: Ransomware "
        "on the file servers. The crisis team, led by Jan de Vries, is working on it.\n"
        "\n"
        "What we know now:\n"
        "[TO COMPLETE: what we know now, in plain words; no guesses]\n"
        "\n"
        "Affected systems and services:\n"
        "- File server FS01 (isolated)\n"
        "- ERP database (confirmed)\n"
        "\n"
        "What we have done so far:\n"
        "- Disconnect the file servers (09:40)\n"
        "\n"
        "What we ask of you:\n"
        "[TO COMPLETE: what staff must and must not do (e.g. do not switch devices on, use the "
        "phone instead of e-mail)]\n"
        "\n"
        "Do not speak to the press or on social media about this incident; refer all questions "
        "to the contact below.\n"
        "\n"
        "Next update: [TO COMPLETE: when the next update follows]\n"
        "\n"
        "Questions: Lotte Smit, +31 6 12345006"
    )
    assert filled.missing == (
        "what we know now, in plain words; no guesses",
        "what staff must and must not do (e.g. do not switch devices on, use the phone "
        "instead of e-mail)",
        "when the next update follows",
    )


def test_gdpr_notice_in_dutch_fills_contact_point_and_marks_the_rest() -> None:
    filled = fill(template("gdpr-33", "nl"), message_values(FACTS, CET), exercise=False)
    lines = filled.body.splitlines()
    assert filled.subject == "Melding datalek (AVG art. 33) — Noordhaven Logistiek B.V."
    assert lines[0] == "Verwerkingsverantwoordelijke: Noordhaven Logistiek B.V."
    # Awareness was not recorded: the notice says so instead of guessing.
    assert lines[3] == (
        "Kennis genomen van het datalek op: "
        "[AAN TE VULLEN: wanneer de organisatie kennis kreeg van het datalek]"
    )
    assert "Naam: Esther Dekker" in lines
    assert "E-mail: fg@noordhaven.example" in lines
    assert "- File server FS01 (isolated)" in lines
    for heading in ("(a) Aard", "(b) Functionaris", "(c) Waarschijnlijke", "(d) Genomen"):
        assert any(line.startswith(heading) for line in lines), heading
    assert "[AAN TE VULLEN: de waarschijnlijke gevolgen" in filled.body


def test_nis2_early_warning_asks_the_two_questions() -> None:
    filled = fill(template("nis2-early-warning", "en"), message_values(FACTS, CET), exercise=False)
    assert "suspected of being caused by unlawful or malicious acts?" in filled.body
    assert "cross-border impact?" in filled.body
    assert (
        "Contact for this incident: Lotte Smit, +31 6 12345006, [TO COMPLETE: e-mail address]"
        in filled.body
    )


def test_exercise_messages_say_so_at_top_and_bottom() -> None:
    filled = fill(template("customers", "nl"), message_values(FACTS, CET), exercise=True)
    assert filled.subject.startswith("OEFENING — GEEN ECHT INCIDENT — Noordhaven")
    assert filled.body.startswith("*** OEFENING — GEEN ECHT INCIDENT ***\n\nGeachte klant")
    assert filled.body.endswith(
        "Noordhaven Logistiek B.V.\n\n*** OEFENING — GEEN ECHT INCIDENT ***"
    )


def test_unknown_values_are_never_invented() -> None:
    empty = MessageFacts(
        organisation="",
        title="",
        severity="",
        lead="",
        exercise=False,
        detected_at=None,
        aware_at=None,
        written_at=datetime(2026, 3, 2, 10, 5, tzinfo=UTC),
        phase="",
    )
    values = message_values(empty, CET)
    assert set(values) == {"written_at"}
    for (kind, language), tpl in builtin_templates().items():
        filled = fill(tpl, values, exercise=False)
        assert "{{" not in filled.text and "}}" not in filled.text, (kind, language)
        assert len(filled.missing) == filled.text.count(f"[{tpl.todo}: "), (kind, language)


def test_every_kind_ships_in_every_language() -> None:
    assert set(builtin_templates()) == {
        (k, lang) for k in MessageKind.ALL for lang in PLAYBOOK_LANGUAGES
    }


def test_template_problems_name_their_lines() -> None:
    text = "---\nkind: internal\nlanguage: en\ntitle: T\nsubject: {{title}}\ntodo: TODO\nexercise: EX\n---\nHello {{name: x}}\n"
    with pytest.raises(InvalidInput) as info:
        parse_template(text, "t.md")
    found = [(p.line, p.message) for p in info.value.problems]
    assert any(line == 5 and "after a colon" in m for line, m in found), found
    assert any(line == 9 and "unknown field 'name'" in m for line, m in found), found
    with pytest.raises(InvalidInput):
        parse_template(text.replace("kind: internal", "kind: tweet"), "t.md")
