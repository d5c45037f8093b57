"""Build the offline install bundle on a connected machine.

    python packaging/build_bundle.py [--out dist/crisisdesk-offline] [--platform TAG --python-version 3.11]

The bundle holds the crisisdesk wheel and a wheel of every dependency, an install
script that first checks every file against SHA256SUMS and then installs into a virtual
environment with ``pip --no-index`` (no network needed), and a launcher. Carry the
folder (or the .tar.gz made beside it) to the air-gapped laptop on a USB stick.

Without --platform the wheels are for this machine's platform and Python. With
--platform (e.g. win_amd64, macosx_11_0_arm64, manylinux2014_x86_64) pip downloads
binary wheels for that platform instead.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "bundle"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(bundle: Path) -> Path:
    """SHA256SUMS in the format of sha256sum(1): '<hex>  <relative path>'."""
    lines = []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        rel = path.relative_to(bundle).as_posix()
        if rel != "SHA256SUMS":
            lines.append(f"{sha256(path)}  {rel}")
    out = bundle / "SHA256SUMS"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def build(out: Path, platform: str | None, python_version: str | None) -> Path:
    if out.exists():
        shutil.rmtree(out)
    wheels = out / "wheels"
    wheels.mkdir(parents=True)
    pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(ROOT))
    [app_wheel] = wheels.glob("crisisdesk-*.whl")
    if platform:
        target = ["--platform", platform, "--only-binary=:all:"]
        if python_version:
            target += ["--python-version", python_version]
        pip("download", "--quiet", "--dest", str(wheels), *target, str(app_wheel))
    else:
        # pip wheel also turns any source-only dependency into a wheel for this platform
        pip("wheel", "--quiet", "--wheel-dir", str(wheels), str(app_wheel))
    for name in ("install.sh", "install.ps1", "verify_bundle.py", "README.txt"):
        shutil.copy2(TEMPLATES / name, out / name)
    (out / "install.sh").chmod(0o755)
    write_checksums(out)
    archive = out.with_name(out.name + ".tar.gz")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(out, arcname=out.name)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "crisisdesk-offline")
    parser.add_argument("--platform", help="target platform tag (default: this machine)")
    parser.add_argument("--python-version", help="target Python version, e.g. 3.11")
    args = parser.parse_args(argv)
    bundle = build(args.out.resolve(), args.platform, args.python_version)
    count = len(list((bundle / "wheels").glob("*.whl")))
    print(f"bundle: {bundle} ({count} wheels); archive: {bundle}.tar.gz")
    print(
        f"SHA-256 of SHA256SUMS (write it down, check it on the laptop): "
        f"{sha256(bundle / 'SHA256SUMS')}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
