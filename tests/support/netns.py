"""An empty network namespace (``unshare -n``): a process started in it has no network."""

from __future__ import annotations

import shutil
import subprocess


def unshare_net() -> list[str] | None:
    """The command prefix that starts a process in an empty network namespace here:
    ``unshare -n`` as root, ``unshare -rn`` (a user namespace first) as anyone else;
    None when neither is allowed."""
    if shutil.which("unshare") is None:
        return None
    for prefix in (["unshare", "-n"], ["unshare", "-rn"]):
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return None

