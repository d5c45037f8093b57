"""The built-in playbooks shipped with crisisdesk (``playbooks/*.md`` in the source tree,
the package ``crisisdesk.builtin_playbooks`` in an installed wheel)."""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

import crisisdesk

PACKAGE = "crisisdesk.builtin_playbooks"


@dataclass(frozen=True)
class BuiltinFile:
    name: str  # e.g. "ransomware.en.md"
    text: str


def builtin_folder() -> Traversable:
    """Where the built-in playbooks are.

    Run from a source checkout (pyproject.toml beside the package), that is the
    checkout's own ``playbooks/`` folder: an editable install elsewhere would otherwise
    map the package to another checkout. Installed, it is the package's resources.
    """
    root = Path(crisisdesk.__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "playbooks").is_dir():
        return root / "playbooks"
    return importlib.resources.files(PACKAGE)


def is_playbook_name(name: str) -> bool:
    return name.endswith(".md") and name.lower() != "readme.md"


def builtin_files(folder: Traversable | None = None) -> list[BuiltinFile]:
    """Every built-in playbook file (README.md is documentation, not a playbook)."""
    base = folder if folder is not None else builtin_folder()
    files = [entry for entry in base.iterdir() if entry.is_file() and is_playbook_name(entry.name)]
    return [
        BuiltinFile(entry.name, entry.read_text(encoding="utf-8"))
        for entry in sorted(files, key=lambda e: e.name)
    ]
