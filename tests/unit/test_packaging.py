"""The wheel must contain every package and the data files the app needs at run time."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def declared_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return set(config["tool"]["setuptools"]["packages"])


def test_every_package_folder_is_listed_in_pyproject() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "crisisdesk").rglob("__init__.py")
    }
    assert found <= declared_packages(), f"add to pyproject packages: {found - declared_packages()}"


def test_builtin_playbooks_and_fonts_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data = config["tool"]["setuptools"]["package-data"]
    assert "*.md" in data["crisisdesk.builtin_playbooks"]
    assert (
        config["tool"]["setuptools"]["package-dir"]["crisisdesk.builtin_playbooks"] == "playbooks"
    )
    fonts = list((ROOT / "crisisdesk" / "resources" / "fonts").glob("*.ttf"))
    assert len(fonts) >= 3 and "fonts/*" in data["crisisdesk.resources"]
