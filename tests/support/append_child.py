"""Child process for the kill test: append log entries forever, printing each id once
its transaction has committed (that is what "acknowledged" means to the user)."""

from __future__ import annotations

import sys
from pathlib import Path

from crisisdesk.services.handbook import open_services


def main() -> None:
    path, incident_id = Path(sys.argv[1]), sys.argv[2]
    services = open_services(path)
    n = 0
    while True:
        event = services.incidents.log(incident_id, f"entry {n} from pid-run")
        sys.stdout.write(event.id + "\n")
        sys.stdout.flush()
        n += 1


if __name__ == "__main__":
    main()
