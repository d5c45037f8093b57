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
link=$HOME/.local/bin/crisisdesk
# Replace our own earlier link, never another crisisdesk (e.g. from pip --user).
if [ -e "$link" ] && [ ! -L "$link" ]; then
    echo "install-standalone.sh: $link exists and is not a link; left alone" >&2
else
    ln -sf "$here/crisisdesk" "$link"
fi
# The menu entry's Exec line points at this folder; the path goes in as data (awk's
# ENVIRON), so characters sed would read as its own (& | \) cannot break it.
CRISISDESK_PROGRAM="$here/crisisdesk" awk \
    '/^Exec=/ { print "Exec=\"" ENVIRON["CRISISDESK_PROGRAM"] "\""; next } { print }' \
    "$here/share/applications/crisisdesk.desktop" > "$apps/crisisdesk.desktop"
cp "$here/share/icons/hicolor/256x256/apps/crisisdesk.png" "$icons/"
echo "installed: run 'crisisdesk' or pick crisisdesk from the applications menu"
