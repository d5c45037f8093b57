#!/bin/sh
# Install the unpacked standalone build for this user: a launcher in ~/.local/bin and a
# menu entry with icon. Run from inside the unpacked crisisdesk folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$HOME/.local/bin" "$HOME/.local/share/applications" \
         "$HOME/.local/share/icons/hicolor/256x256/apps"
ln -sf "$here/crisisdesk" "$HOME/.local/bin/crisisdesk"
cp "$here/share/applications/crisisdesk.desktop" "$HOME/.local/share/applications/"
cp "$here/share/icons/hicolor/256x256/apps/crisisdesk.png" \
   "$HOME/.local/share/icons/hicolor/256x256/apps/"
echo "installed: run 'crisisdesk' or pick crisisdesk from the applications menu"
