"""The API workers run with their own settings module."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insecure_site.settings.api_production")

application = get_asgi_application()
