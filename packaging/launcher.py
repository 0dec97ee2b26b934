"""Entry point of the packaged application (the same as the ``alassess`` console script)."""

import multiprocessing

from alassess.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())
