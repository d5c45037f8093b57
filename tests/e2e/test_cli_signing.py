"""keys create, export log --sign, verify and check --checkpoint, end to end."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from crisisdesk.domain.checkpoint import checkpoint_code, parse_checkpoint
from crisisdesk.domain.clock import FixedClock
from crisisdesk.export.incident_log import STAMP_PLACE
from crisisdesk.export.pdfbase import FONT, register_fonts
from crisisdesk.services.handbook import open_services
from tests.conftest import PYTHON, cli_env
from tests.e2e.conftest import Run
from tests.support.incident_story import TEXTS, write_incident

PASS = "correct horse battery"
# The key holder is not the author of the log: the name on the stamp comes from the key.
SIGNER = "Renée Ñúñez-Çelik"


@dataclass(frozen=True)
class Workspace:
    db: Path
    incident: str
    key: Path
    signed: Path
    export_output: str


def _cli(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = cli_env(home)
    full_env.update(env or {})
    return subprocess.run(
        [PYTHON, "-m", "crisisdesk", *args],
        capture_output=True,
        text=True,
        env=full_env,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """One handbook with an incident, one key, one signed export: shared (slow to make)."""
    folder = tmp_path_factory.mktemp("signing-e2e")
    home = folder / "home"
    db = folder / "hb.db"
    assert _cli(home, "--db", str(db), "init", "--demo").returncode == 0
    clock = FixedClock(datetime(2026, 3, 14, 9, 0, tzinfo=UTC))
    services = open_services(db, clock=clock, author="Zoë de Vries")
    try:
        incident = write_incident(services, clock)
    finally:
        services.close()
    secret = folder / "pass.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    key = folder / "lead.p12"
    created = _cli(
        home, "keys", "create", "--name", SIGNER, "--out", str(key),
        "--passphrase-file", str(secret),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert re.search(r"SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}", created.stdout)
    signed = folder / "log.pdf"
    exported = _cli(
        home, "--db", str(db), "export", "log", incident[:8], str(signed), "--sign", str(key),
        env={"CRISISDESK_PASSPHRASE": PASS},
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr == ""  # nothing from the PDF libraries on the user's screen
    return Workspace(db, incident, key, signed, exported.stdout)


def test_keys_create_writes_private_key_and_certificate(ws: Workspace) -> None:
    key = ws.key
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.with_suffix(".crt").read_text().startswith("-----BEGIN CERTIFICATE-----")


def test_keys_create_needs_a_passphrase_source(tmp_path: Path, run_cli: Run) -> None:
    result = run_cli("keys", "create", "--name", "X", "--out", str(tmp_path / "x.p12"), input="")
    assert result.returncode == 1
    assert "--passphrase-file" in result.stderr
    assert not (tmp_path / "x.p12").exists()


def test_signed_export_verifies_and_prints_facts(ws: Workspace, run_cli: Run) -> None:
    db, out, key = ws.db, ws.signed, ws.key
    code = re.search(r"Checkpoint code: (\S+)", ws.export_output).group(1)  # type: ignore[union-attr]
    head = re.search(r"chain head: ([0-9a-f]{64})", ws.export_output).group(1)  # type: ignore[union-attr]

    verified = run_cli(
        "verify", str(out), "--trust", str(key.with_suffix(".crt")), "--checkpoint", code
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"Signer:       {SIGNER}" in verified.stdout
    assert f"Chain head:   {head}" in verified.stdout
    assert re.search(r"Events:\s+13\b", verified.stdout)
    assert re.search(r"Signing time: \d{4}-\d\d-\d\dT", verified.stdout)

    untrusted = run_cli("verify", str(out))
    assert untrusted.returncode == 1
    assert "not trusted" in untrusted.stdout

    wrong_code = code[:-1] + ("A" if code[-1] != "A" else "B")
    mistyped = run_cli(
        "verify", str(out), "--trust", str(key.with_suffix(".crt")), "--checkpoint", wrong_code
    )
    assert mistyped.returncode == 1
    assert "check character" in mistyped.stderr

    # the export itself was logged, so the handbook's log now has one more event and the
    # code from before still holds as a prefix
    checked = run_cli("--db", str(db), "check", "--checkpoint", code)
    assert checked.returncode == 0, checked.stdout
    assert "still holds this exact log prefix" in checked.stdout


def test_pages_print_every_event_and_the_markers(
    tmp_path: Path, run_cli: Run, ws: Workspace
) -> None:
    out = tmp_path / "log.pdf"
    result = run_cli("--db", str(ws.db), "export", "log", ws.incident, str(out))
    assert result.returncode == 0, result.stderr
    assert "NOT signed" in result.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    pages = text.count("\f")
    assert f"page 1 of {pages}" in flat and f"page {pages} of {pages}" in flat
    assert flat.count("EXERCISE · CONFIDENTIAL") == pages
    for needle in ("Zoë de Vries", "Prepared by", "Phase summary", "Call log", "Scope register"):
        assert needle in flat
    for typed in TEXTS[:2]:
        assert " ".join(typed.split()[:4]) in flat
    assert "corrected by #6" in flat
    for seq in range(1, 14):
        assert re.search(rf"(^|\n)\s*{seq}\s+2026-03-14", text), seq


def test_wrong_passphrase_fails_before_writing(tmp_path: Path, run_cli: Run, ws: Workspace) -> None:
    db, incident, key = ws.db, ws.incident, ws.key
    out = tmp_path / "log.pdf"
    result = run_cli(
        "--db", str(db), "export", "log", incident, str(out), "--sign", str(key),
        env={"CRISISDESK_PASSPHRASE": "not it at all"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "wrong passphrase" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_check_refuses_checkpoint_of_another_history(run_cli: Run, ws: Workspace) -> None:
    other = checkpoint_code(5, "ab" * 32)  # well-formed, but not this log's
    result = run_cli("--db", str(ws.db), "check", "--checkpoint", other)
    assert result.returncode == 1
    assert "no incident's log holds this prefix" in result.stdout


def test_verify_of_a_garbage_file_is_a_reason_not_a_traceback(tmp_path: Path, run_cli: Run) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n garbage")
    result = run_cli("verify", str(junk))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "FAILED:" in result.stdout


@pytest.mark.skipif(
    shutil.which("pdfsig") is None,
    reason="poppler's pdfsig is not installed (apt install poppler-utils); .ci/run installs it",
)
def test_pdfsig_validates_the_exported_log(ws: Workspace) -> None:
    out = subprocess.run(
        ["pdfsig", str(ws.signed)], capture_output=True, text=True, check=False
    ).stdout
    assert "Signature is Valid" in out
    assert "Total document signed" in out
    assert SIGNER in out


def test_checkpoint_command_prints_a_code_and_logs_it(run_cli: Run, ws: Workspace) -> None:
    result = run_cli("--db", str(ws.db), "checkpoint", ws.incident[:8])
    assert result.returncode == 0, result.stderr
    code = re.search(r"Checkpoint code: (\S+)", result.stdout).group(1)  # type: ignore[union-attr]
    services = open_services(ws.db, read_only=True)
    try:
        last = list(services.incidents.events(ws.incident))[-1]
    finally:
        services.close()
    assert last.kind == "checkpoint.shown"
    assert last.payload["code"] == code
    assert parse_checkpoint(code).count == last.seq - 1


def test_stamp_shows_the_signers_accents_in_an_embedded_font(ws: Workspace) -> None:
    bbox = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(ws.signed), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    page_height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', bbox).group(1))  # type: ignore[union-attr]
    line = f"Digitally signed by {SIGNER}"
    words = {
        m.group(5): tuple(float(m.group(n)) for n in range(1, 5))
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            bbox,
        )
    }
    placed = [(text, box) for text, box in words.items() if SIGNER in text]
    assert placed, bbox
    text, (x0, top, x1, bottom) = placed[0]
    assert text in (line, SIGNER)
    # inside the stamp's box (PDF y runs upwards, pdftotext's downwards) ...
    left, low, right, high = STAMP_PLACE.box
    assert left < x0 < x1 < right
    assert low < page_height - bottom < page_height - top < high
    # ... and as wide as the font's own metrics say: the letters are not spread apart
    register_fonts()
    expected = stringWidth(text, FONT, 9)
    assert abs((x1 - x0) - expected) < 0.03 * expected, (x1 - x0, expected)
    fonts = subprocess.run(
        ["pdffonts", str(ws.signed)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert any("DejaVuSans-Identity-H" in row for row in fonts)  # the stamp's font
    assert all(row.split()[-5] == "yes" for row in fonts), fonts  # emb column
