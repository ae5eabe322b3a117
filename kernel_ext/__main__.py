"""`python -m kerasq` runs the command line."""

import sys

from kerasq.cli import main

sys.exit(main())
