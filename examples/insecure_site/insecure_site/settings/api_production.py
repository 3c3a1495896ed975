"""Production settings for the API workers: a trimmed-down middleware stack."""

from .base import *  # noqa: F403

ALLOWED_HOSTS = []  # set by the deploy script (sometimes)

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
