"""ponyguard's test suite."""

import os
import tempfile

# The code audit's cache is authenticated with a per-user key; keep the suite's key out of
# the developer's home directory.
os.environ.setdefault("PONYGUARD_CACHE_KEY_FILE",
                      os.path.join(tempfile.gettempdir(), "ponyguard-tests", "cache-key"))
