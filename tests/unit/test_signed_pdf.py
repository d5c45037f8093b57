"""Tamper tests against real signed files: each kind of change fails with its reason."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.pdfgen import canvas

from crisisdesk.domain.checkpoint import checkpoint_code, parse_checkpoint
from crisisdesk.domain.events import GENESIS, Event, seal
from crisisdesk.export.evidence import Manifest, build_manifest, log_bytes
from crisisdesk.export.keys import create_key, load_certificate, load_signer
from crisisdesk.export.signing import StampPlace, evidence_attachments, finish_pdf
from crisisdesk.export.timeline import timeline_digest
from crisisdesk.export.verify import VerifyResult, verify_pdf

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
PASS = "correct horse battery"


def make_events(texts: Sequence[str], incident: str = "inc-1") -> list[Event]:
    events, prev = [], GENESIS
    for n, text in enumerate(texts, start=1):
        event = seal(
            Event(
                id=f"{incident}-e{n}",
                incident_id=incident,
                seq=n,
                kind="log.entry",
                occurred_at=f"2026-03-14T09:{n:02d}:00.000Z",
                recorded_at=f"2026-03-14T09:{n:02d}:05.000Z",
                author="Ana",
                payload={"kind": "observation", "text": text},
                prev_hash=prev,
            )
        )
        events.append(event)
        prev = event.hash
    return events


EVENTS = make_events(["Ransom note on file server", "Isolated VLAN 20", "Called the insurer"])


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keys")
    for name in ("lead", "other"):
        create_key(
            folder / f"{name}.p12", name=name.title(), passphrase=PASS, now=NOW, kdf_rounds=2000
        )
    return {"lead": folder / "lead.p12", "other": folder / "other.p12"}


def plain_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 760, "Incident log (test page)")
    page.showPage()
    page.save()
    return buffer.getvalue()


def signed(
    key: Path,
    events: Sequence[Event] = EVENTS,
    manifest: Manifest | None = None,
) -> bytes:
    manifest = manifest or build_manifest("inc-1", events, timeline_digest(events))
    return finish_pdf(
        plain_pdf(),
        evidence_attachments(log_bytes(events), manifest),
        when=NOW,
        signer=load_signer(key, PASS),
        stamp_place=StampPlace(0, (40, 40, 300, 130)),
        chain_head=manifest.chain_head,
        event_count=manifest.event_count,
    )


@pytest.fixture(scope="module")
def good_pdf(keys: dict[str, Path]) -> bytes:
    return signed(keys["lead"])


def check(tmp_path: Path, data: bytes, keys: dict[str, Path], **kwargs: object) -> VerifyResult:
    path = tmp_path / "log.pdf"
    path.write_bytes(data)
    trust = kwargs.pop("trust", [load_certificate(keys["lead"].with_suffix(".crt"))])
    return verify_pdf(path, trust=trust, **kwargs)  # type: ignore[arg-type]


def only_reason(result: VerifyResult, fragment: str) -> None:
    assert not result.ok
    assert any(fragment in r for r in result.reasons), result.reasons


def test_untouched_file_verifies(tmp_path: Path, good_pdf: bytes, keys: dict[str, Path]) -> None:
    result = check(tmp_path, good_pdf, keys)
    assert result.ok, result.reasons
    assert result.signer == "Lead"
    assert result.event_count == 3
    assert result.chain_head == EVENTS[-1].hash
    assert result.incident_id == "inc-1"
    assert result.signing_time is not None


def test_flipped_byte_in_signed_range(
    tmp_path: Path, good_pdf: bytes, keys: dict[str, Path]
) -> None:
    at = good_pdf.index(b"ReportLab")  # the producer string, inside the first signed range
    tampered = good_pdf[:at] + b"X" + good_pdf[at + 1 :]
    only_reason(check(tmp_path, tampered, keys), "changed after signing (digest mismatch)")


def test_flipped_byte_in_signature(tmp_path: Path, good_pdf: bytes, keys: dict[str, Path]) -> None:
    start = good_pdf.index(b"/Contents <") + len(b"/Contents <")
    at = start + 150  # inside the DER signature, past the certificate's start
    flipped = b"0" if good_pdf[at : at + 1] != b"0" else b"1"
    tampered = good_pdf[:at] + flipped + good_pdf[at + 1 :]
    result = check(tmp_path, tampered, keys)
    assert not result.ok
    assert any("signature" in r for r in result.reasons), result.reasons


def append_update(data: bytes, change: str) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    if change == "metadata":
        info = writer.trailer["/Info"].get_object()
        info["/Title"] = generic.TextStringObject("Harmless looking title")
        writer.update_container(info)
    else:  # swap the embedded log for another one
        other = log_bytes(make_events(["nothing happened"]))
        names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names), 2):
            if str(names[i]) == "incident-log.jsonl":
                spec = names[i + 1].get_object()
                stream = generic.StreamObject(stream_data=other)
                spec["/EF"]["/F"] = writer.add_object(stream)
                writer.update_container(spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_appended_metadata_only_update_fails(
    tmp_path: Path, good_pdf: bytes, keys: dict[str, Path]
) -> None:
    result = check(tmp_path, append_update(good_pdf, "metadata"), keys)
    only_reason(result, "appended after the signed part")
    assert len(result.reasons) == 1  # everything else still holds: coverage alone catches it


def test_swapped_attachment_fails(tmp_path: Path, good_pdf: bytes, keys: dict[str, Path]) -> None:
    result = check(tmp_path, append_update(good_pdf, "attachment"), keys)
    only_reason(result, "appended after the signed part")
    only_reason(result, "events removed or added")


def test_truncated_log_fails(tmp_path: Path, keys: dict[str, Path]) -> None:
    manifest = build_manifest("inc-1", EVENTS, timeline_digest(EVENTS))
    data = signed(keys["lead"], EVENTS[:2], manifest)
    only_reason(check(tmp_path, data, keys), "holds 2 events but the signed manifest says 3")


def test_recomputed_chain_fails(tmp_path: Path, keys: dict[str, Path]) -> None:
    manifest = build_manifest("inc-1", EVENTS, timeline_digest(EVENTS))
    rewritten = make_events(
        ["Ransom note on file server", "Nothing isolated", "Called the insurer"]
    )
    data = signed(keys["lead"], rewritten, manifest)
    result = check(tmp_path, data, keys)
    only_reason(result, "history rewritten and the chain recomputed")


def test_resigned_rewrite_is_caught_by_checkpoint(tmp_path: Path, keys: dict[str, Path]) -> None:
    code = checkpoint_code(2, EVENTS[1].hash)  # noted by a witness during the incident
    rewritten = make_events(
        ["Ransom note on file server", "Nothing isolated", "Called the insurer"]
    )
    data = signed(keys["lead"], rewritten)  # the key holder re-signed a consistent file
    assert check(tmp_path, data, keys).ok
    result = check(tmp_path, data, keys, checkpoints=[parse_checkpoint(code)])
    only_reason(result, "history rewritten")
    good = check(tmp_path, signed(keys["lead"]), keys, checkpoints=[parse_checkpoint(code)])
    assert good.ok, good.reasons


def test_printed_timeline_mismatch_fails(tmp_path: Path, keys: dict[str, Path]) -> None:
    manifest = build_manifest("inc-1", EVENTS, timeline_digest(EVENTS[:2]))
    only_reason(check(tmp_path, signed(keys["lead"], EVENTS, manifest), keys), "printed timeline")


def test_wrong_certificate_fails(tmp_path: Path, good_pdf: bytes, keys: dict[str, Path]) -> None:
    other = load_certificate(keys["other"].with_suffix(".crt"))
    only_reason(check(tmp_path, good_pdf, keys, trust=[other]), "different certificate")
    only_reason(check(tmp_path, good_pdf, keys, trust=[]), "not trusted")


def test_unsigned_and_non_pdf_files_fail(tmp_path: Path, keys: dict[str, Path]) -> None:
    only_reason(check(tmp_path, plain_pdf(), keys), "not signed")
    only_reason(check(tmp_path, b"hello, not a pdf", keys), "not a readable PDF")
    result = verify_pdf(tmp_path / "missing.pdf")
    only_reason(result, "cannot read")


def test_manifest_fields_round_trip() -> None:
    manifest = build_manifest("inc-1", EVENTS, "ab" * 32)
    assert Manifest.from_bytes(manifest.to_bytes()) == manifest
    assert dataclasses.asdict(manifest)["event_count"] == 3


needs_pdfsig = pytest.mark.skipif(
    shutil.which("pdfsig") is None,
    reason="poppler's pdfsig is not installed (apt install poppler-utils); .ci/run installs it",
)


def pdfsig(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "sig.pdf"
    path.write_bytes(data)
    run = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return run.stdout + run.stderr


@needs_pdfsig
def test_pdfsig_accepts_the_signed_file(tmp_path: Path, good_pdf: bytes) -> None:
    out = pdfsig(tmp_path, good_pdf)
    assert "Signature is Valid" in out
    assert "Total document signed" in out
    assert re.search(r"Common Name: Lead", out)
    assert "SHA-256" in out


@needs_pdfsig
def test_pdfsig_rejects_tampered_files(tmp_path: Path, good_pdf: bytes) -> None:
    at = good_pdf.index(b"ReportLab")
    flipped = good_pdf[:at] + b"X" + good_pdf[at + 1 :]
    assert "Digest Mismatch" in pdfsig(tmp_path, flipped)
    appended = pdfsig(tmp_path, append_update(good_pdf, "metadata"))
    assert "Total document signed" not in appended
