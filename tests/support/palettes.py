"""Palettes of real desktop themes, to check the interface in light and dark."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

Role = QPalette.ColorRole

# Colours as the themes give them (window, text, base, alternate base, button, mid).
THEMES = {
    "fusion-dark": ("#323232", "#f0f0f0", "#1e1e1e", "#2d2d2d", "#3c3c3c", "#4a4a4a"),
    "breeze-dark": ("#202326", "#fcfcfc", "#141618", "#1d1f22", "#292c30", "#3a3e43"),
    "windows-dark": ("#202020", "#ffffff", "#2b2b2b", "#323232", "#2d2d2d", "#4c4c4c"),
    "adwaita-dark": ("#242424", "#ffffff", "#1e1e1e", "#303030", "#353535", "#454545"),
    "fusion-light": ("#efefef", "#000000", "#ffffff", "#f7f7f7", "#efefef", "#b8b8b8"),
    "breeze-light": ("#eff0f1", "#232629", "#fcfcfc", "#eff0f1", "#fcfcfc", "#bcc0bf"),
}
DARK_THEMES = [name for name in THEMES if name.endswith("-dark")]


def theme_palette(name: str) -> QPalette:
    window, text, base, alternate, button, mid = THEMES[name]
    dark = name.endswith("-dark")
    palette = QPalette()
    colours = {
        Role.Window: window,
        Role.WindowText: text,
        Role.Base: base,
        Role.AlternateBase: alternate,
        Role.Text: text,
        Role.Button: button,
        Role.ButtonText: text,
        Role.Mid: mid,
        Role.Midlight: QColor(mid).lighter(120).name(),
        Role.Light: QColor(mid).lighter(150).name(),
        Role.Dark: QColor(mid).darker(150).name(),
        Role.Shadow: "#000000",
        Role.BrightText: "#ffffff",
        Role.Highlight: "#308cc6" if dark else "#3daee9",
        Role.HighlightedText: "#ffffff",
        Role.ToolTipBase: alternate,
        Role.ToolTipText: text,
        Role.PlaceholderText: "#a0a0a0" if dark else "#707070",
        Role.Link: "#5aa9e6" if dark else "#2980b9",
        Role.LinkVisited: "#b08fe0" if dark else "#7f3fbf",
    }
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in colours.items():
            palette.setColor(group, role, QColor(colour))
    for role, colour in colours.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    grey = QColor("#8a8a8a" if dark else "#767676")
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return palette
