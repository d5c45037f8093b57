"""Entry script for the standalone (PyInstaller) build."""

from crisisdesk.entry import main

raise SystemExit(main())
