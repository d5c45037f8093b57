from crisisdesk.entry import main

raise SystemExit(main())
