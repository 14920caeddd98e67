"""``python -m zhenggai`` is the ``zhenggai`` command."""

import sys

from .cli import main

sys.exit(main())
