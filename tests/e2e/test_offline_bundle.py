"""Build the offline bundle, install it with the network blocked, and use it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NONET_DIR, ROOT
from tests.support.netns import unshare_net


def no_network(cmd: list[str]) -> tuple[list[str], dict[str, str]]:
    """Run without network: in an empty network namespace where the OS allows it, and
    always with the socket guard loaded into every Python process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(NONET_DIR)
    env["PIP_CONFIG_FILE"] = os.devnull  # no help from this machine's pip mirrors
    env["QT_QPA_PLATFORM"] = "offscreen"
    return [*(unshare_net() or []), *cmd], env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "crisisdesk-offline"
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_bundle.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return out


def test_bundle_has_wheels_checksums_and_installers(bundle: Path) -> None:
    names = {p.name for p in (bundle / "wheels").glob("*.whl")}
    assert any(n.startswith("crisisdesk-") for n in names)
    assert any(n.lower().startswith("pyside6_essentials") for n in names)
    sums = (bundle / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == len([p for p in bundle.rglob("*") if p.is_file()]) - 1
    assert (bundle / "install.sh").stat().st_mode & 0o111
    assert (bundle.parent / "crisisdesk-offline.tar.gz").stat().st_size > 1_000_000


def test_install_offline_then_start_and_check(bundle: Path, tmp_path: Path) -> None:
    target = tmp_path / "app"
    cmd, env = no_network(["sh", str(bundle / "install.sh"), str(target)])
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr
    assert "files intact" in result.stdout
    launcher = str(target / "crisisdesk")
    db = tmp_path / "handbook.db"
    for args in (
        ["--db", str(db), "init", "--demo"],
        ["--db", str(db), "check"],
        ["--db", str(db), "gui", "--screenshot", str(tmp_path / "shot.png")],
    ):
        cmd, env = no_network([launcher, *args])
        run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        assert run.returncode == 0, (args, run.stderr)
    assert (tmp_path / "shot.png").read_bytes()[:4] == b"\x89PNG"


def test_damaged_bundle_installs_nothing(bundle: Path, tmp_path: Path) -> None:
    copy = tmp_path / "bundle"
    shutil.copytree(bundle, copy)
    wheel = next((copy / "wheels").glob("markdown-*.whl"))
    data = bytearray(wheel.read_bytes())
    data[len(data) // 2] ^= 0x01
    wheel.write_bytes(bytes(data))
    target = tmp_path / "app"
    cmd, env = no_network(["sh", str(copy / "install.sh"), str(target)])
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode != 0
    assert f"wheels/{wheel.name}: checksum does not match" in result.stderr
    assert not target.exists()
