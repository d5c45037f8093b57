#!/bin/sh
# One-folder standalone build (PyInstaller) for a machine without Python, plus a
# .desktop file and icon on Linux. Output: dist/crisisdesk/ and dist/crisisdesk-standalone.tar.gz
# Run from anywhere; builds in a private virtual environment under build/standalone-venv.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=${PYTHON:-python3}
venv=build/standalone-venv
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet . pyinstaller
"$venv/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    packaging/crisisdesk.spec
if [ "$(uname -s)" = "Linux" ]; then
    mkdir -p dist/crisisdesk/share/applications dist/crisisdesk/share/icons/hicolor/256x256/apps
    cp packaging/crisisdesk.desktop dist/crisisdesk/share/applications/
    cp crisisdesk/resources/icons/crisisdesk-256.png \
       dist/crisisdesk/share/icons/hicolor/256x256/apps/crisisdesk.png
    cp packaging/install-standalone.sh dist/crisisdesk/
fi
tar -C dist -czf dist/crisisdesk-standalone.tar.gz crisisdesk
echo "built dist/crisisdesk/ (run dist/crisisdesk/crisisdesk) and dist/crisisdesk-standalone.tar.gz"
