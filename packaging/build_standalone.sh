#!/bin/sh
# One-folder standalone build (PyInstaller) for a machine without Python, plus a
# .desktop file and icon on Linux. Output: DIST/crisisdesk/ and DIST/crisisdesk-standalone.tar.gz
#
#   sh packaging/build_standalone.sh [--python PY] [--dist DIR] [--work DIR] [--no-archive]
#
# By default it builds in a private virtual environment (build/standalone-venv) into
# which it installs crisisdesk, its dependencies and PyInstaller. With --python PY it
# uses PY's environment as it is (it must hold PyInstaller and crisisdesk's dependencies,
# as `make test`'s .venv does) and installs only crisisdesk itself, from this checkout,
# into WORK/site: PyInstaller then analyses the wheel's layout, never an editable install.
# Run from anywhere. Defaults: --dist dist, --work build.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=""
dist=dist
work=build
archive=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --python) python=$2; shift 2 ;;
        --dist) dist=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --no-archive) archive=no; shift ;;
        *) echo "build_standalone.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
case "$python" in  # a relative path to PY must survive the cd into WORK below
    */*) python=$(cd "$(dirname "$python")" && pwd)/$(basename "$python") ;;
esac
mkdir -p "$dist" "$work"
dist=$(cd "$dist" && pwd)
work=$(cd "$work" && pwd)

# Build crisisdesk from a fresh copy of the sources (tracked and new files, not what git
# ignores): setuptools keeps build/lib in the source folder between runs, and a module
# or playbook deleted since would otherwise still ship.
src=$work/src
rm -rf "$src"
mkdir -p "$src"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$root" ls-files -z --cached --others --exclude-standard \
        | (cd "$root" && xargs -0 tar -cf - --no-recursion) | tar -xf - -C "$src"
else
    tar -C "$root" --exclude=./build --exclude=./dist --exclude=./.venv -cf - . | tar -xf - -C "$src"
fi
if [ -z "$python" ]; then
    venv=$work/standalone-venv
    [ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet "$src" pyinstaller
    python=$venv/bin/python
else
    site=$work/site
    rm -rf "$site"
    "$python" -m pip install --quiet --no-deps --target "$site" "$src"
    PYTHONPATH=$site
    export PYTHONPATH
fi
# From WORK, not the checkout: `python -m` puts the current folder first on sys.path,
# and crisisdesk must come from the installed wheel.
(cd "$work" && "$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work/pyinstaller" "$root/packaging/crisisdesk.spec")
if [ "$(uname -s)" = "Linux" ]; then
    mkdir -p "$dist/crisisdesk/share/applications" "$dist/crisisdesk/share/icons/hicolor/256x256/apps"
    cp packaging/crisisdesk.desktop "$dist/crisisdesk/share/applications/"
    cp crisisdesk/resources/icons/crisisdesk-256.png \
       "$dist/crisisdesk/share/icons/hicolor/256x256/apps/crisisdesk.png"
    cp packaging/install-standalone.sh "$dist/crisisdesk/"
fi
if [ "$archive" = yes ]; then
    tar -C "$dist" -czf "$dist/crisisdesk-standalone.tar.gz" crisisdesk
    echo "built $dist/crisisdesk/ (run $dist/crisisdesk/crisisdesk) and $dist/crisisdesk-standalone.tar.gz"
else
    echo "built $dist/crisisdesk/ (run $dist/crisisdesk/crisisdesk)"
fi
