"""Check every file of the offline bundle against SHA256SUMS before anything is installed.

Exit 0 when every listed file is present and matches and no unlisted wheel is present;
exit 1 naming each file that does not.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> int:
    bundle = Path(__file__).resolve().parent
    sums = bundle / "SHA256SUMS"
    if not sums.is_file():
        print(f"{sums}: missing; this bundle cannot be verified", file=sys.stderr)
        return 1
    problems, listed = [], set()
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            expected, rel = line.split("  ", 1)
        except ValueError:
            problems.append(f"SHA256SUMS:{number}: not a checksum line")
            continue
        listed.add(rel)
        path = bundle / rel
        if not path.is_file():
            problems.append(f"{rel}: missing")
        elif sha256(path) != expected:
            problems.append(f"{rel}: checksum does not match (damaged or changed)")
    for wheel in (bundle / "wheels").glob("*"):
        if wheel.relative_to(bundle).as_posix() not in listed:
            problems.append(f"{wheel.relative_to(bundle).as_posix()}: not listed in SHA256SUMS")
    for problem in problems:
        print(f"verify: {problem}", file=sys.stderr)
    if problems:
        print("verify: the bundle is NOT intact; install nothing from it", file=sys.stderr)
        return 1
    print(f"verify: all {len(listed)} files intact")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
