from alassess.cli import main

raise SystemExit(main())
