"""Build the standalone (PyInstaller) folder, then use it as a laptop without Python would:
no network (an empty network namespace), a clean environment, no venv on PATH.

The build takes two to three minutes: one build, shared by the tests of this module.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from crisisdesk import __version__
from tests.conftest import ROOT
from tests.support.netns import unshare_net

NO_NETWORK = unshare_net() or []

SIGNER = "Renée Ñúñez-Çelik"
PASSPHRASE = "correct horse battery"


@dataclass(frozen=True)
class Standalone:
    folder: Path  # the built crisisdesk/ folder, as carried to the laptop
    home: Path  # the laptop user's home

    def run(
        self, *args: str, program: Path | None = None, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run the built program with nothing of this machine's Python around it."""
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            **(extra_env or {}),
        }
        program = program or self.folder / "crisisdesk"
        return subprocess.run(
            [*NO_NETWORK, str(program), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=self.home,
            timeout=300,
        )


@pytest.fixture(scope="module")
def standalone(tmp_path_factory: pytest.TempPathFactory) -> Standalone:
    assert NO_NETWORK, "this test needs `unshare -n` or `-rn` (util-linux, and the right)"
    work = tmp_path_factory.mktemp("standalone")
    build = subprocess.run(
        [
            "sh", str(ROOT / "packaging" / "build_standalone.sh"),
            "--python", sys.executable,
            "--dist", str(work / "dist"),
            "--work", str(work / "build"),
            "--no-archive",
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    home = work / "home"
    home.mkdir()
    return Standalone(work / "dist" / "crisisdesk", home)


def builtin_playbooks() -> set[tuple[str, str]]:
    """(id, language) of every built-in playbook, read from the files themselves."""
    found = set()
    for path in (ROOT / "playbooks").glob("*.*.md"):
        match = re.search(r"^id:\s*(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert match, path
        found.add((match.group(1), path.name.split(".")[1]))
    return found


def test_version_init_check_and_builtin_playbooks(standalone: Standalone) -> None:
    version = standalone.run("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"crisisdesk {__version__}"
    db = str(standalone.home / "handbook.db")
    init = standalone.run("--db", db, "init", "--demo")
    assert init.returncode == 0, init.stderr
    check = standalone.run("--db", db, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    listed = standalone.run("--db", db, "playbooks", "list")
    assert listed.returncode == 0, listed.stderr
    rows = {
        (cols[0], cols[1])
        for cols in (line.split() for line in listed.stdout.splitlines()[1:])
        if "built-in" in cols
    }
    expected = builtin_playbooks()
    assert len(expected) >= 12
    assert rows == expected


def test_window_screenshot_and_printed_handbook(standalone: Standalone) -> None:
    db = str(standalone.home / "window.db")
    assert standalone.run("--db", db, "init", "--demo").returncode == 0
    shot = standalone.home / "window.png"
    result = standalone.run("--db", db, "gui", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1366  # width from the IHDR chunk
    assert len(data) > 20_000  # a drawn window, not an empty frame
    pdf = standalone.home / "handbook.pdf"
    result = standalone.run("--db", db, "export", "handbook", str(pdf))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Noordhaven Logistiek" in text
    assert "Ransomware" in text  # a built-in playbook's checklists, found in the bundle
    assert "Contents" in text


def test_signed_log_with_accented_signer_verifies(standalone: Standalone) -> None:
    """pyHanko, cryptography, fontTools and HarfBuzz are all in the bundle and work."""
    db = str(standalone.home / "signing.db")
    secret = {"CRISISDESK_PASSPHRASE": PASSPHRASE}
    assert standalone.run("--db", db, "init", "--demo").returncode == 0
    started = standalone.run(
        "--db", db, "incident", "start", "--playbook", "ransomware", "--title", "Test"
    )
    assert started.returncode == 0, started.stderr
    key = standalone.home / "lead.p12"
    created = standalone.run(
        "keys", "create", "--name", SIGNER, "--out", str(key), extra_env=secret
    )
    assert created.returncode == 0, created.stderr
    log = standalone.home / "log.pdf"
    exported = standalone.run(
        "--db", db, "export", "log", started.stdout.strip(), str(log), "--sign", str(key),
        extra_env=secret,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    verified = standalone.run("verify", str(log), "--trust", str(key.with_suffix(".crt")))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert SIGNER in verified.stdout


def test_desktop_file_and_icon_install_for_the_user(standalone: Standalone) -> None:
    share = standalone.folder / "share"
    shipped = (share / "applications" / "crisisdesk.desktop").read_text(encoding="utf-8")
    assert "Exec=crisisdesk" in shipped.splitlines()
    assert "Icon=crisisdesk" in shipped.splitlines()
    icon = share / "icons" / "hicolor" / "256x256" / "apps" / "crisisdesk.png"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    installed = standalone.run(program=standalone.folder / "install-standalone.sh")
    assert installed.returncode == 0, installed.stderr
    local = standalone.home / ".local"
    entry = (local / "share" / "applications" / "crisisdesk.desktop").read_text(encoding="utf-8")
    icon_copy = local / "share" / "icons" / "hicolor" / "256x256" / "apps" / "crisisdesk.png"
    assert icon_copy.read_bytes() == icon.read_bytes()
    # the menu entry names the program by its full path (~/.local/bin may not be on the
    # session's PATH yet); everything else is as shipped
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line == f'Exec="{standalone.folder / "crisisdesk"}"'
    assert entry.replace(exec_line, "Exec=crisisdesk") == shipped
    from_menu = standalone.run("--version", program=Path(exec_line[len("Exec=") :].strip('"')))
    assert from_menu.stdout.strip() == f"crisisdesk {__version__}"
    # the launcher in ~/.local/bin is a link; the program must find its files through it
    via_link = standalone.run("--version", program=local / "bin" / "crisisdesk")
    assert via_link.returncode == 0, via_link.stderr
    assert via_link.stdout.strip() == f"crisisdesk {__version__}"
