#!/bin/sh
# Install the unpacked standalone build for this user: a launcher in ~/.local/bin and a
# menu entry with icon. Run from inside the unpacked crisisdesk folder (or by its path).
# The menu entry starts the program by its full path: ~/.local/bin is often not on the
# desktop session's PATH until the next login.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps=$HOME/.local/share/applications
icons=$HOME/.local/share/icons/hicolor/256x256/apps
mkdir -p "$HOME/.local/bin" "$apps" "$icons"
ln -sf "$here/crisisdesk" "$HOME/.local/bin/crisisdesk"
sed "s|^Exec=.*|Exec=\"$here/crisisdesk\"|" "$here/share/applications/crisisdesk.desktop" \
    > "$apps/crisisdesk.desktop"
cp "$here/share/icons/hicolor/256x256/apps/crisisdesk.png" "$icons/"
echo "installed: run 'crisisdesk' or pick crisisdesk from the applications menu"
