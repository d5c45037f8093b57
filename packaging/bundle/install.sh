#!/bin/sh
# Install crisisdesk from this offline bundle; no network is used.
#   ./install.sh [TARGET_DIR]      (default: ~/crisisdesk)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-"$HOME/crisisdesk"}
python=${PYTHON:-python3}

"$python" "$here/verify_bundle.py"
"$python" -m venv "$target/venv"
"$target/venv/bin/python" -m pip install --no-index --find-links "$here/wheels" \
    --disable-pip-version-check --quiet crisisdesk
cat > "$target/crisisdesk" <<LAUNCHER
#!/bin/sh
exec "$target/venv/bin/crisisdesk" "\$@"
LAUNCHER
chmod 755 "$target/crisisdesk"
echo "crisisdesk installed in $target"
echo "start it with: $target/crisisdesk"
