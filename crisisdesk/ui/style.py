"""The one status colour scale and text sizes, shared by every view."""

from __future__ import annotations

from crisisdesk.domain.readiness import Status

# Never colour alone: every status also has a symbol and a word.
STATUS_COLOURS = {
    Status.OK: "#1e7b34",  # green
    Status.WARN: "#a15c00",  # amber, dark enough for text on white
    Status.BAD: "#b3261e",  # red
    Status.INFO: "#5f6368",  # neutral grey
}
STATUS_SYMBOLS = {Status.OK: "✓", Status.WARN: "!", Status.BAD: "✕", Status.INFO: "i"}

LARGE_TEXT_FACTOR = 1.35
