"""Record identifiers: UUIDs, so records from two laptops can one day be merged."""

from __future__ import annotations

import uuid


def new_id() -> str:
    return str(uuid.uuid4())
