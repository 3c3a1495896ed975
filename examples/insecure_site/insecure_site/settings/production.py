"""Production settings for the web servers (behind a TLS-terminating load balancer)."""

from .base import *  # noqa: F403

# The load balancer sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("X-Forwarded-Proto", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SSL_REDIRECT", default=False)  # noqa: F405
SECURE_HSTS_SECONDS = 3600
SECURE_CONTENT_TYPE_NOSNIFF = False
SECURE_REFERRER_POLICY = "unsafe-url"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popup"

SESSION_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = None
X_FRAME_OPTIONS = "SAMEORIGIN"

CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

DEBUG_PROPAGATE_EXCEPTIONS = True
