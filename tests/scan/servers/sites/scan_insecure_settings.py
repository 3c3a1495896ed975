"""insecure_site's production settings as its web servers run them, for the scan tests.

Only what it takes to serve the site from a test is changed; every planted problem stays.
"""

import os

from insecure_site.settings.production import *  # noqa: F403

# PickleSerializer was removed in Django 5.0: the audit still reports it (PG124), but a
# running site must use one that exists.
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
ROOT_URLCONF = "scan_insecure_urls"
PLANTED_DIR = os.environ["SCAN_PLANTED_DIR"]
