from django.apps import AppConfig


class QueryAppConfig(AppConfig):
    name = "tests.query.app"
    label = "queryapp"
    default_auto_field = "django.db.models.BigAutoField"
