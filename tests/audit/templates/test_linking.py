"""Views linked to the templates they render: request data in the context raises confidence."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import assert_finds, audit_files, findings_of

SETTINGS = "SECRET_KEY = 'x'\n"


def _project(view: str, template: str, name: str = "app/templates/app/page.html",
             **extra: str) -> dict[str, str]:
    return {"settings.py": SETTINGS, "app/__init__.py": "", "app/views.py": view,
            name: template, **extra}


def _confidence(tmp_path: Path, files: dict[str, str], rule: str = "PG302") -> list[str]:
    return [f.confidence.value for f in findings_of(audit_files(tmp_path, files), rule)]


FUNCTION_VIEW = """
from django.shortcuts import render

def page(request):
    q = request.GET.get("q", "")
    return render(request, "app/page.html", {"q": q, "n": int(request.GET["n"]), "t": "x"})
"""


def test_function_view_context_from_request_is_high(tmp_path: Path) -> None:
    found = assert_finds(tmp_path, "PG302", _project(FUNCTION_VIEW, "<p>{{ q|safe }}</p>\n"),
                         confidence="high", message_contains="request.GET.get('q', '')")
    assert "app/views.py:5" in found[0].message


def test_sanitised_or_constant_context_stays_medium(tmp_path: Path) -> None:
    template = "<p>{{ n|safe }}</p>\n<p>{{ t|safe }}</p>\n<p>{{ other|safe }}</p>\n"
    assert _confidence(tmp_path, _project(FUNCTION_VIEW, template)) == ["medium"] * 3


def test_context_dict_built_in_steps(tmp_path: Path) -> None:
    view = """
    from django.template.loader import render_to_string
    from django.http import HttpResponse

    def page(request):
        context = {"title": "Hi"}
        context["name"] = request.POST["name"]
        context.update(bio=request.POST.get("bio"))
        return HttpResponse(render_to_string("app/page.html", context))
    """
    template = "{{ title|safe }} {{ name|safe }}\n{{ bio|safe }}\n"
    assert _confidence(tmp_path, _project(view, template)) == ["medium", "high", "high"]


def test_class_based_view_get_context_data(tmp_path: Path) -> None:
    view = """
    from django.views.generic import TemplateView

    class Page(TemplateView):
        template_name = "app/page.html"

        def get_context_data(self, **kwargs):
            context = super().get_context_data(**kwargs)
            context["term"] = self.request.GET.get("term")
            return context
    """
    assert_finds(tmp_path, "PG302", _project(view, "{{ term|safe }}\n"), confidence="high")


def test_get_template_render_and_template_response(tmp_path: Path) -> None:
    view = """
    from django.template import loader
    from django.template.response import TemplateResponse

    def one(request):
        template = loader.get_template("app/one.html")
        return template.render({"a": request.GET["a"]}, request)

    def two(request):
        return TemplateResponse(request, "app/two.html", {"b": request.COOKIES["b"]})
    """
    files = _project(view, "{{ a|safe }}\n", name="app/templates/app/one.html")
    files["app/templates/app/two.html"] = "{{ b|safe }}\n"
    assert _confidence(tmp_path, files) == ["high", "high"]


def test_context_reaches_parents_and_includes_but_not_siblings(tmp_path: Path) -> None:
    files = _project(FUNCTION_VIEW, '{% extends "base.html" %}{% include "part.html" %}\n')
    files["app/templates/base.html"] = "<title>{{ q|safe }}</title>\n"
    files["app/templates/part.html"] = "<b>{{ q|safe }}</b>\n"
    files["app/templates/other.html"] = "<i>{{ q|safe }}</i>\n"
    found = findings_of(audit_files(tmp_path, files), "PG302")
    by_path = {f.location.path: f.confidence.value for f in found}
    assert by_path == {"app/templates/base.html": "high", "app/templates/part.html": "high",
                       "app/templates/other.html": "medium"}


def test_request_read_in_the_template_is_high_without_a_view(tmp_path: Path) -> None:
    files = {"settings.py": SETTINGS,
             "templates/page.html": "<div class={{ request.GET.theme }}></div>\n"
                                    "<div class={{ request.user.name }}></div>\n"}
    found = findings_of(audit_files(tmp_path, files), "PG304")
    assert [(f.location.line, f.confidence.value) for f in found] == [(1, "high"), (2, "medium")]


def test_templates_dirs_folder_is_audited_under_its_loader_name(tmp_path: Path) -> None:
    settings = """
    from pathlib import Path
    BASE_DIR = Path(__file__).resolve().parent
    SECRET_KEY = "x"
    TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
                  "DIRS": [BASE_DIR / "site" / "pages"], "APP_DIRS": True}]
    """
    view = FUNCTION_VIEW.replace("app/page.html", "landing.html")
    files = {"settings.py": settings, "app/__init__.py": "", "app/views.py": view,
             "site/pages/landing.html": "{{ q|safe }}\n",
             "elsewhere/landing.html": "{{ q|safe }}\n"}
    found = findings_of(audit_files(tmp_path, files), "PG302")
    assert [(f.location.path, f.confidence.value) for f in found] == [
        ("site/pages/landing.html", "high")]


def test_os_path_join_dirs(tmp_path: Path) -> None:
    settings = """
    import os
    BASE_DIR = os.path.dirname(os.path.abspath(__file__))
    SECRET_KEY = "x"
    TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
                  "DIRS": [os.path.join(BASE_DIR, "tpl")]}]
    """
    files = {"settings.py": settings, "tpl/page.html": "{{ x|safe }}\n"}
    assert_finds(tmp_path, "PG302", files, path="tpl/page.html", confidence="medium")


def test_linking_runs_when_only_template_rules_are_selected(tmp_path: Path) -> None:
    from ponyguard.audit import audit_project
    from ponyguard.core.config import Config
    from tests.helpers import write_project

    write_project(tmp_path, _project(FUNCTION_VIEW, "{{ q|safe }}\n"))
    result = audit_project(tmp_path, Config(select=("PG302",)))
    assert [f.confidence.value for f in result.findings] == ["high"]
