"""The Jinja2 environment named in TEMPLATES OPTIONS "environment"."""

from django.templatetags.static import static
from django.urls import reverse
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape


def environment(**options):
    env = Environment(**options)
    env.globals.update({"static": static, "url": reverse})
    env.globals["greeting"] = lambda request: Markup(f"Hi {request.GET['name']}")
    env.globals["safe_greeting"] = lambda request: Markup("Hi {}").format(request.GET["name"])
    env.globals["escaped_greeting"] = lambda request: escape(request.GET["name"])
    return env


def email_environment():
    return Environment(loader=FileSystemLoader("templates/email"))
