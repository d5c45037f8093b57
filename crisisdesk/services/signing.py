"""Signing keys, checkpoint codes and verifying signed incident logs.

Creating a key and verifying a file need no handbook (a recipient has none); showing a
checkpoint is logged in the incident, so it is a service over the open handbook.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crisisdesk.domain.checkpoint import checkpoint_code, parse_checkpoint
from crisisdesk.domain.clock import Clock, SystemClock
from crisisdesk.domain.errors import CrisisdeskError, NotFound
from crisisdesk.domain.events import EventKind
from crisisdesk.domain.i18n import _
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.incidents import IncidentService
from crisisdesk.store import incidents_repo, settings_repo

# The export modules pull in reportlab and pyHanko (over a second of imports): every
# function below imports what it needs when it runs, so opening the window or running
# an unrelated command does not pay for them.
if TYPE_CHECKING:
    from crisisdesk.export.incident_log import IncidentLogData
    from crisisdesk.export.keys import CreatedKey
    from crisisdesk.export.verify import VerifyResult


def _write_atomically(path: Path, data: bytes) -> None:
    temp = path.with_name(path.name + ".part")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise CrisisdeskError(
            _("cannot write {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc


def create_signing_key(
    path: Path, *, name: str, passphrase: str, clock: Clock | None = None
) -> CreatedKey:
    """Create ``KEY.p12`` and ``KEY.crt``; the passphrase is used and forgotten."""
    from crisisdesk.export.keys import create_key

    return create_key(
        Path(path), name=name, passphrase=passphrase, now=(clock or SystemClock()).now()
    )


def verify_signed_log(
    path: Path, *, trust: Sequence[Path] = (), checkpoint_codes: Sequence[str] = ()
) -> VerifyResult:
    """Verify a signed incident log offline (see ``export.verify`` for every check)."""
    from crisisdesk.export.keys import load_certificate
    from crisisdesk.export.verify import verify_pdf

    pinned = [load_certificate(Path(p)) for p in trust]
    checkpoints = [parse_checkpoint(code) for code in checkpoint_codes]
    return verify_pdf(Path(path), trust=pinned, checkpoints=checkpoints)


def verification_facts(result: VerifyResult, missing: str = "—") -> list[str]:
    """What a verified log says of itself, one aligned line each (CLI and dialog)."""

    def shown(value: object) -> object:
        return missing if value is None or value == "" else value

    when = result.signing_time.isoformat() if result.signing_time else None
    return [
        _("Signer:       {v}").format(v=shown(result.signer)),
        _("Fingerprint:  {v}").format(v=shown(result.fingerprint)),
        _("Signing time: {v} (the signer's laptop clock)").format(v=shown(when)),
        _("Incident:     {v}").format(v=shown(result.incident_id)),
        _("Events:       {v}").format(v=shown(result.event_count)),
        _("Chain head:   {v}").format(v=shown(result.chain_head)),
    ]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    incident_id: str
    event_count: int
    chain_head: str
    checkpoint: str
    signed: bool
    fingerprint: str = ""
    pages: int = 0


@dataclass(frozen=True)
class ExportJob:
    """The log PDF to write: ``run`` touches no handbook, so it may run on a worker thread.

    The key is opened first, so a wrong passphrase fails before any work is done; the
    file appears only when complete (written beside it, then renamed).
    """

    data: IncidentLogData
    out: Path
    key_path: Path | None
    passphrase: str

    def run(self, on_page: Callable[[int], None] | None = None) -> ExportResult:
        from crisisdesk.export.evidence import log_bytes
        from crisisdesk.export.incident_log import build_incident_log
        from crisisdesk.export.keys import fingerprint_of, load_signer
        from crisisdesk.export.signing import evidence_attachments, finish_pdf

        signer = load_signer(self.key_path, self.passphrase) if self.key_path else None
        manifest = self.data.manifest
        pages = 0

        def page_done(number: int) -> None:
            nonlocal pages
            pages = number
            if on_page is not None:
                on_page(number)

        buffer = io.BytesIO()
        stamp_place = build_incident_log(self.data, buffer, on_page=page_done)
        pdf = finish_pdf(
            buffer.getvalue(),
            evidence_attachments(log_bytes(self.data.events), manifest),
            when=self.data.printed_at,
            signer=signer,
            stamp_place=stamp_place,
            chain_head=manifest.chain_head,
            event_count=manifest.event_count,
        )
        _write_atomically(self.out, pdf)
        fingerprint = ""
        if signer is not None and signer.signing_cert is not None:
            fingerprint = fingerprint_of(signer.signing_cert.dump())
        return ExportResult(
            path=self.out,
            incident_id=manifest.incident_id,
            event_count=manifest.event_count,
            chain_head=manifest.chain_head,
            checkpoint=checkpoint_code(manifest.event_count, manifest.chain_head),
            signed=signer is not None,
            fingerprint=fingerprint,
            pages=pages,
        )


class SigningService:
    def __init__(self, ctx: ServiceContext, incidents: IncidentService) -> None:
        self.ctx = ctx
        self.incidents = incidents

    def prepare_export(
        self,
        incident_id: str,
        out: Path,
        *,
        key_path: Path | None = None,
        passphrase: str = "",
        prepared_role: str = "",
    ) -> ExportJob:
        """Read what the log PDF needs (on the caller's thread: it uses the handbook)."""
        from crisisdesk.export.evidence import build_manifest
        from crisisdesk.export.incident_log import IncidentLogData
        from crisisdesk.export.timeline import timeline_digest

        summary = self.incidents.get(incident_id)
        state = self.incidents.state(incident_id)
        events = list(self.incidents.events(incident_id))
        data = IncidentLogData(
            organisation=str(
                settings_repo.get_setting(self.ctx.handbook.conn, "organisation.name") or ""
            ),
            summary=summary,
            playbook_title=self.incidents.playbook(incident_id).title,
            state=state,
            deadlines=self.incidents.deadlines(incident_id, state),
            events=events,
            manifest=build_manifest(incident_id, events, timeline_digest(events)),
            prepared_by=self.ctx.author,
            prepared_role=prepared_role,
            printed_at=self.ctx.clock.now(),
            signed=key_path is not None,
        )
        return ExportJob(data, Path(out), Path(key_path) if key_path else None, passphrase)

    def record_export(self, result: ExportResult) -> None:
        """Log in the incident that its log was exported (after the file is complete)."""
        with self.ctx.handbook.transaction() as conn:
            now = self.ctx.now_iso()
            incidents_repo.append_event(
                conn,
                incident_id=result.incident_id,
                kind=EventKind.EXPORTED,
                payload={
                    "file": result.path.name,
                    "event_count": result.event_count,
                    "chain_head": result.chain_head,
                    "signed": result.signed,
                    "fingerprint": result.fingerprint,
                },
                occurred_at=now,
                recorded_at=now,
                author=self.ctx.author,
            )
        self.ctx.notifier.notify(Changed.of(Area.EVENTS, incident_id=result.incident_id))

    def export_log(
        self,
        incident_id: str,
        out: Path,
        *,
        key_path: Path | None = None,
        passphrase: str = "",
        prepared_role: str = "",
        on_page: Callable[[int], None] | None = None,
    ) -> ExportResult:
        """Prepare, write and record in one go (the command line's way)."""
        job = self.prepare_export(
            incident_id, out, key_path=key_path, passphrase=passphrase, prepared_role=prepared_role
        )
        result = job.run(on_page)
        self.record_export(result)
        return result

    def show_checkpoint(self, incident_id: str) -> str:
        """The checkpoint code of the incident's log as it is now; showing it is logged."""
        with self.ctx.handbook.transaction() as conn:
            summary = incidents_repo.get_incident(conn, incident_id)
            if summary is None:
                raise NotFound(_("no incident {id}").format(id=incident_id))
            heads = {i: (count, head) for i, _t, count, head in incidents_repo.incident_heads(conn)}
            count, head = heads[incident_id]
            code = checkpoint_code(count, head)
            now = self.ctx.now_iso()
            incidents_repo.append_event(
                conn,
                incident_id=incident_id,
                kind=EventKind.CHECKPOINT_SHOWN,
                payload={"code": code, "count": count, "head": head},
                occurred_at=now,
                recorded_at=now,
                author=self.ctx.author,
            )
        self.ctx.notifier.notify(Changed.of(Area.EVENTS, incident_id=incident_id))
        return code
