"""Where things live on this computer (platform conventions via platformdirs)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "crisisdesk"


def default_handbook_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "handbook.db"


def default_backup_dir(handbook: Path) -> Path:
    """Backups sit next to the handbook in a folder of their own."""
    return handbook.with_name(handbook.stem + "-backups")
