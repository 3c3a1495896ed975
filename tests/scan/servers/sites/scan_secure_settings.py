"""secure_site's production settings as its web servers run them, for the scan tests.

Only what a real deployment sets in its environment changes: the host names, and where the
HTTP → HTTPS redirect goes (nginx would listen on 80 and 443; the tests use free ports).
"""

import os

from secure_site.settings.production import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_HOST = os.environ["SCAN_SSL_HOST"]
ROOT_URLCONF = "scan_secure_urls"
