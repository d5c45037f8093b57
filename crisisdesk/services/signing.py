"""Signing keys, checkpoint codes and verifying signed incident logs.

Creating a key and verifying a file need no handbook (a recipient has none); showing a
checkpoint is logged in the incident, so it is a service over the open handbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crisisdesk.domain.checkpoint import checkpoint_code, parse_checkpoint
from crisisdesk.domain.clock import Clock, SystemClock
from crisisdesk.domain.errors import NotFound
from crisisdesk.domain.events import EventKind
from crisisdesk.domain.i18n import _
from crisisdesk.export.keys import CreatedKey, create_key, load_certificate
from crisisdesk.export.verify import VerifyResult, verify_pdf
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.store import incidents_repo


def create_signing_key(
    path: Path, *, name: str, passphrase: str, clock: Clock | None = None
) -> CreatedKey:
    """Create ``KEY.p12`` and ``KEY.crt``; the passphrase is used and forgotten."""
    return create_key(
        Path(path), name=name, passphrase=passphrase, now=(clock or SystemClock()).now()
    )


def verify_signed_log(
    path: Path, *, trust: Sequence[Path] = (), checkpoint_codes: Sequence[str] = ()
) -> VerifyResult:
    """Verify a signed incident log offline (see ``export.verify`` for every check)."""
    pinned = [load_certificate(Path(p)) for p in trust]
    checkpoints = [parse_checkpoint(code) for code in checkpoint_codes]
    return verify_pdf(Path(path), trust=pinned, checkpoints=checkpoints)


class SigningService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def resolve_incident(self, text: str) -> str:
        """An incident id from the id or its first characters (as typed on the command line)."""
        matches = incidents_repo.find_incident_ids(self.ctx.handbook.conn, text.strip())
        if not matches:
            raise NotFound(_("no incident with id '{id}'").format(id=text))
        if len(matches) > 1:
            raise NotFound(
                _("'{id}' matches {n} incidents: type more characters").format(
                    id=text, n=len(matches)
                )
            )
        return matches[0]

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
