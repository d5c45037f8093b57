"""Checkpoint codes: a chain head short enough to read over the phone or write on paper.

A hash chain shows that nothing inside the log changed, but someone holding the signing
key could rewrite history, recompute every hash and sign again. A checkpoint code,
noted by a witness at some moment, pins the log as it was then: the log must still hold
that exact prefix. The code is ``COUNT-XXXX-XXXX-XXXX``: the number of events, then
eleven characters of the head hash (55 bits) and one check character, in Crockford's
base-32 alphabet (no I, L, O or U, so nothing is misread; lower case, O for 0 and I or L
for 1 are accepted when typed back).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.events import GENESIS, Event
from crisisdesk.domain.i18n import _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DATA_CHARS = 11
_TYPED_BACK = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SHAPE = re.compile(r"^(\d+)-([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z]{4})$")


class InvalidCheckpoint(CrisisdeskError):
    """A checkpoint code that is malformed or has a wrong check character (a typo)."""


def _digest_chars(head: str) -> str:
    value = int(head, 16) >> (256 - 5 * DATA_CHARS)  # the leading 55 bits of the hash
    chars = []
    for _i in range(DATA_CHARS):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def _check_char(count: int, data: str) -> str:
    digest = hashlib.sha256(f"{count}-{data}".encode("ascii")).digest()
    return ALPHABET[digest[0] & 31]


def checkpoint_code(count: int, head: str) -> str:
    """The code for the chain ``head`` after ``count`` events."""
    if count < 0 or len(head) != 64:
        raise ValueError("a checkpoint needs a count >= 0 and a 64-character SHA-256 head")
    data = _digest_chars(head)
    chars = data + _check_char(count, data)
    return f"{count}-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


@dataclass(frozen=True)
class Checkpoint:
    count: int
    data: str  # the eleven hash characters

    @property
    def code(self) -> str:
        chars = self.data + _check_char(self.count, self.data)
        return f"{self.count}-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"

    def matches(self, head: str) -> bool:
        return _digest_chars(head) == self.data


def parse_checkpoint(text: str) -> Checkpoint:
    """Read a code as typed back (spaces, lower case, O/0 and I/L/1 mix-ups tolerated)."""
    normalised = re.sub(r"\s+", "", text).upper().translate(_TYPED_BACK)
    match = _SHAPE.match(normalised)
    if not match or any(c not in ALPHABET for c in "".join(match.groups()[1:])):
        raise InvalidCheckpoint(
            _(
                "'{text}' is not a checkpoint code (expected COUNT-XXXX-XXXX-XXXX, e.g. 42-7QK3-M9TX-2B4D)"
            ).format(text=text)
        )
    count = int(match.group(1))
    chars = "".join(match.groups()[1:])
    data, check = chars[:DATA_CHARS], chars[DATA_CHARS:]
    if _check_char(count, data) != check:
        raise InvalidCheckpoint(
            _("checkpoint code '{text}' has a wrong check character: probably mistyped").format(
                text=text
            )
        )
    return Checkpoint(count, data)


@dataclass(frozen=True)
class CheckpointResult:
    checkpoint: Checkpoint
    ok: bool
    reason: str = ""


def check_checkpoints(
    events: Iterable[Event], checkpoints: Sequence[Checkpoint]
) -> list[CheckpointResult]:
    """Does the log still contain, for each checkpoint, the exact prefix it was taken at?

    Only the hashes are compared; that the hashes are right is ``verify_chain``'s job.
    """
    wanted = {cp.count for cp in checkpoints}
    heads: dict[int, str] = {}
    if 0 in wanted:
        heads[0] = GENESIS
    last = 0
    for event in events:
        last = event.seq
        if event.seq in wanted:
            heads[event.seq] = event.hash
    results = []
    for cp in checkpoints:
        head = heads.get(cp.count)
        if head is None:
            results.append(
                CheckpointResult(
                    cp,
                    False,
                    _(
                        "checkpoint {code}: the log holds only {n} events, the checkpoint was "
                        "taken at {count} (events removed)"
                    ).format(code=cp.code, n=last, count=cp.count),
                )
            )
        elif not cp.matches(head):
            results.append(
                CheckpointResult(
                    cp,
                    False,
                    _(
                        "checkpoint {code}: the first {count} events differ from when the code "
                        "was noted (history rewritten)"
                    ).format(code=cp.code, count=cp.count),
                )
            )
        else:
            results.append(CheckpointResult(cp, True))
    return results
