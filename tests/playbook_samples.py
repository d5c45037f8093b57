"""Small valid playbooks for tests (the real ones live in playbooks/)."""

from __future__ import annotations

from pathlib import Path

from crisisdesk.domain.playbook import PlaybookVersion
from crisisdesk.playbooks.parser import parse_playbook

TEMPLATE = """\
---
id: {id}
title: {title}
type: {type}
language: {language}
version: {version}
reviewed: {reviewed}
deadlines: gdpr-33
sources: NIST SP 800-61 rev. 2
---

When to use: {title}.

## 1. Prevention and preparation

Keep **offline** backups.

- [ ] Test the restore of the backups {{owner: it-lead}}

## 2. Identification and first communication

- [ ] Record when and by whom it was detected {{must; owner: scribe; due: 15m}}
  Write down the exact time and the source.
- [ ] Activate the crisis team {{must; owner: crisis-lead; due: 30m; id: activate-team}}

## 3. Security and isolation

- [ ] Take affected systems off the network {{must; owner: it-lead; due: 1h}}

## 4. Recovery

- [ ] Restore step by step from the offline backup {{owner: it-lead}}

## 5. Communication with stakeholders

- [ ] Send the first update to all staff {{owner: communications; due: 2h}}

## 6. Aftercare

- [ ] Hold the evaluation {{owner: crisis-lead; due: 14d}}
"""


def sample_text(
    id: str = "ransomware",
    language: str = "en",
    version: str = "1.0",
    title: str = "Ransomware attack",
    type: str | None = None,
    reviewed: str = "2026-11-01",
) -> str:
    return TEMPLATE.format(
        id=id,
        title=title,
        type=type or id,
        language=language,
        version=version,
        reviewed=reviewed,
    )


def write_sample(folder: Path, name: str | None = None, **fields: str) -> Path:
    text = sample_text(**fields)
    pid = fields.get("id", "ransomware")
    path = folder / (name or f"{pid}.{fields.get('language', 'en')}.md")
    path.write_text(text, encoding="utf-8")
    return path


def builtin_version(**fields: str) -> PlaybookVersion:
    text = sample_text(**fields)
    pb = parse_playbook(text)
    return PlaybookVersion(pb, text, builtin=True, filename=f"{pb.id}.{pb.language}.md")
