"""Verifying a signed incident log offline.

Every check runs, and every failure is reported with its reason; the result is OK only
when all of these hold:

1. the PDF holds exactly one signature, it is intact (the signed bytes hash to the
   signed digest) and its value is valid;
2. the signer's certificate is trusted: pinned with ``--trust CERT.crt`` (a self-signed
   certificate is trusted when it is byte for byte the pinned one);
3. the signature covers the ENTIRE file: anything appended after signing, even an
   update pyHanko's own summary would accept (metadata only), is refused;
4. it is a certifying signature that allows no changes;
5. the embedded log's hash chain recomputes, and its count and head equal the signed
   manifest's; every event belongs to the manifest's incident;
6. the printed timeline digest in the manifest equals the one recomputed from the log;
7. every checkpoint code given is a prefix of the log.

Exceptions from the PDF and crypto libraries are caught and become reasons.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from crisisdesk.domain.checkpoint import Checkpoint, check_checkpoints
from crisisdesk.domain.events import HASH_ALGORITHM, Event, verify_chain
from crisisdesk.domain.i18n import _
from crisisdesk.export.evidence import LOG_NAME, MANIFEST_NAME, EvidenceError, Manifest, parse_log
from crisisdesk.export.keys import PinnedCertificate, fingerprint_of
from crisisdesk.export.timeline import timeline_digest

# pyHanko logs its findings (with tracebacks) at WARNING; with no handler configured
# Python would print them on stderr. Our result carries every finding instead.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())


@dataclass
class VerifyResult:
    path: str
    reasons: list[str] = field(default_factory=list)  # every check that failed
    passed: list[str] = field(default_factory=list)  # every check that held
    signer: str = ""
    fingerprint: str = ""
    signing_time: datetime | None = None
    incident_id: str = ""
    event_count: int | None = None
    chain_head: str = ""

    @property
    def ok(self) -> bool:
        return not self.reasons and bool(self.passed)


def _attachments(reader: PdfFileReader) -> dict[str, bytes]:
    """Embedded files by name (flat name tree, as written by ``export.signing``)."""
    found: dict[str, bytes] = {}
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except KeyError:
        return found
    for i in range(0, len(names) - 1, 2):
        spec = names[i + 1].get_object()
        try:
            found[str(names[i])] = spec["/EF"]["/F"].get_object().data
        except KeyError:
            continue
    return found


def verify_pdf(
    path: Path,
    *,
    trust: Sequence[PinnedCertificate] = (),
    checkpoints: Sequence[Checkpoint] = (),
) -> VerifyResult:
    result = VerifyResult(str(path))
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        result.reasons.append(
            _("cannot read {path}: {error}").format(path=path, error=exc.strerror)
        )
        return result
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # the PDF parser raises many kinds on damaged files
        result.reasons.append(_("not a readable PDF: {error}").format(error=exc))
        return result
    _check_signature(result, signatures, trust, len(data))
    try:
        attachments = _attachments(reader)
    except Exception as exc:
        result.reasons.append(_("cannot read the embedded files: {error}").format(error=exc))
        return result
    _check_evidence(result, attachments, checkpoints)
    return result


def _check_signature(
    result: VerifyResult,
    signatures: list[Any],
    trust: Sequence[PinnedCertificate],
    file_size: int,
) -> None:
    if not signatures:
        result.reasons.append(_("the PDF is not signed"))
        return
    if len(signatures) > 1:
        result.reasons.append(
            _("the PDF holds {n} signatures: something was signed after the log").format(
                n=len(signatures)
            )
        )
    sig = signatures[0]
    try:
        cert = sig.signer_cert
        result.signer = str(cert.subject.native.get("common_name", cert.subject.human_friendly))
        result.fingerprint = fingerprint_of(cert.dump())
        result.signing_time = sig.self_reported_timestamp
    except Exception as exc:
        result.reasons.append(_("the signature cannot be read: {error}").format(error=exc))
        return
    pinned = [p for p in trust if p.der == cert.dump()]
    if not trust:
        result.reasons.append(
            _(
                "the signer's certificate is not trusted: give the certificate you received "
                "from the signer (--trust CERT.crt; SHA-256 fingerprint {fp})"
            ).format(fp=result.fingerprint)
        )
    elif not pinned:
        result.reasons.append(
            _(
                "signed with a different certificate than the trusted one "
                "(signer '{signer}', fingerprint {fp})"
            ).format(signer=result.signer, fp=result.fingerprint)
        )
    else:
        result.passed.append(
            _("certificate pinned (fingerprint {fp})").format(fp=result.fingerprint)
        )
    try:
        roots = [x509.Certificate.load(p.der) for p in pinned]
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        # skip_diff: any change after signing is refused outright below (coverage), so
        # pyHanko's judgement of which appended changes are harmless is not needed.
        status = validate_pdf_signature(sig, context, skip_diff=True)
    except Exception as exc:  # e.g. a flipped byte inside the signature itself
        result.reasons.append(
            _("the signature is damaged and cannot be validated ({error})").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        )
        return
    if status.intact:
        result.passed.append(_("signed content intact"))
    else:
        result.reasons.append(_("the signed content was changed after signing (digest mismatch)"))
    if status.valid:
        result.passed.append(_("signature value valid"))
    else:
        result.reasons.append(_("the signature value is not valid for this content"))
    if pinned and not status.trusted:
        result.reasons.append(_("the certificate does not validate as a trust anchor"))
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        result.passed.append(_("signature covers the entire file"))
    else:
        try:
            signed_end = int(sig.byte_range[2]) + int(sig.byte_range[3])
        except (IndexError, TypeError, ValueError):
            signed_end = 0
        result.reasons.append(
            _(
                "the file was changed after signing: {n} bytes were appended after the signed "
                "part (an incremental update)"
            ).format(n=max(0, file_size - signed_end))
        )
    if sig.docmdp_level == MDPPerm.NO_CHANGES:
        result.passed.append(_("certified: no changes allowed"))
    else:
        result.reasons.append(_("not a certifying signature that forbids changes"))


def _check_evidence(
    result: VerifyResult, attachments: dict[str, bytes], checkpoints: Sequence[Checkpoint]
) -> None:
    missing = [name for name in (LOG_NAME, MANIFEST_NAME) if name not in attachments]
    if missing:
        result.reasons.append(_("the embedded {names} is missing").format(names=", ".join(missing)))
        return
    try:
        manifest = Manifest.from_bytes(attachments[MANIFEST_NAME])
        events = parse_log(attachments[LOG_NAME])
    except EvidenceError as exc:
        result.reasons.append(str(exc))
        return
    result.incident_id = manifest.incident_id
    result.event_count = manifest.event_count
    result.chain_head = manifest.chain_head
    _check_chain(result, manifest, events)
    for outcome in check_checkpoints(events, checkpoints):
        if outcome.ok:
            result.passed.append(
                _("checkpoint {code} is in the log").format(code=outcome.checkpoint.code)
            )
        else:
            result.reasons.append(outcome.reason)


def _check_chain(result: VerifyResult, manifest: Manifest, events: list[Event]) -> None:
    if manifest.algorithm != HASH_ALGORITHM:
        result.reasons.append(
            _("the log uses hash algorithm '{algo}', this version checks '{ours}'").format(
                algo=manifest.algorithm, ours=HASH_ALGORITHM
            )
        )
        return
    report = verify_chain(events)
    if not report.ok:
        result.reasons.append(
            _("the embedded log is broken at event {seq}: {reason}").format(
                seq=report.first_bad_seq, reason=report.reason
            )
        )
    elif report.count != manifest.event_count:
        result.reasons.append(
            _(
                "the embedded log holds {n} events but the signed manifest says {m} "
                "(events removed or added)"
            ).format(n=report.count, m=manifest.event_count)
        )
    elif report.head != manifest.chain_head:
        result.reasons.append(
            _(
                "the embedded log's chain ends in {head} but the signed manifest says {signed} "
                "(history rewritten and the chain recomputed)"
            ).format(head=report.head[:16], signed=manifest.chain_head[:16])
        )
    else:
        result.passed.append(
            _("log chain recomputes: {n} events, head {head}").format(
                n=report.count, head=report.head[:16]
            )
        )
    strangers = {e.incident_id for e in events} - {manifest.incident_id}
    if strangers:
        result.reasons.append(_("the embedded log holds events of another incident"))
    if timeline_digest(events) == manifest.timeline_sha256:
        result.passed.append(_("printed timeline matches the log"))
    else:
        result.reasons.append(
            _("the printed timeline does not match the embedded log (digest differs)")
        )
