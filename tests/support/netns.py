"""An empty network namespace (``unshare -n``): a process started in it has no network."""

from __future__ import annotations

import shutil
import subprocess


def can_unshare() -> bool:
    """Whether this machine lets us start a process in an empty network namespace."""
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
