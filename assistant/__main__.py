"""`python -m assistant` is the `boletines` CLI."""

import sys

from assistant.cli import main

sys.exit(main())
