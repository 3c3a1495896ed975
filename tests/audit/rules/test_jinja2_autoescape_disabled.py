from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

SETTINGS = ("TEMPLATES = [{'BACKEND': 'django.template.backends.jinja2.Jinja2',\n"
            "              'OPTIONS': {'environment': 'proj.jinja2env.build'}}]\n")


def test_fires_on_a_django_environment_factory_that_drops_the_options(tmp_path) -> None:
    files = {
        "proj/__init__.py": "",
        "proj/jinja2.py": (
            "from jinja2 import Environment, FileSystemLoader\n"
            "def environment(**options):\n"
            "    env = Environment(loader=FileSystemLoader('templates'))\n"
            "    return env\n"
            "def popped(**options):\n"
            "    options.pop('autoescape', None)\n"
            "    return Environment(**options)\n"
            "def off(**options):\n"
            "    options['autoescape'] = False\n"
            "    return Environment(**options)\n"
        ),
    }
    found = assert_finds(tmp_path, "PG307", files, count=3, severity="high", confidence="high")
    assert [f.location.line for f in found] == [3, 7, 10]
    assert "`environment()` builds Django's Jinja2 environment" in found[0].message
    assert "no autoescape argument" in found[0].message
    assert "pops options['autoescape']" in found[1].message


def test_fires_on_a_factory_named_in_settings(tmp_path) -> None:
    files = {
        "proj/__init__.py": "",
        "proj/settings.py": SETTINGS,
        "proj/jinja2env.py": (
            "import jinja2\n"
            "def build(loader=None, autoescape=True, auto_reload=False, undefined=None):\n"
            "    return jinja2.Environment(loader=loader, autoescape=False)\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG307", files, path="proj/jinja2env.py", line=3,
                             confidence="high")
    assert "sets autoescape=False" in finding.message


def test_other_environments_by_what_they_render(tmp_path) -> None:
    files = {
        "app/pages.py": (
            "import jinja2\n"
            "ENV = jinja2.Environment(loader=jinja2.FileSystemLoader('pages'), autoescape=False)\n"
            "def page():\n"
            "    return ENV.get_template('index.html').render()\n"
        ),
        "app/snippets.py": (
            "from jinja2.sandbox import SandboxedEnvironment\n"
            "def render(source, context):\n"
            "    return SandboxedEnvironment().from_string(source).render(context)\n"
        ),
    }
    found = assert_finds(tmp_path, "PG307", files, count=2)
    assert [(f.location.path, f.location.line, f.confidence.value) for f in found] == [
        ("app/pages.py", 2, "medium"), ("app/snippets.py", 3, "low")]


def test_fires_on_markup_around_request_data(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/helpers.py": "def name_of(request):\n    return request.GET['name']\n",
        "app/views.py": (
            "from markupsafe import Markup\n"
            "from django.views import View\n"
            "from .helpers import name_of\n"
            "def greet(request):\n"
            "    name = request.GET.get('name', '')\n"
            "    return Markup(f'<p>Hello {name}</p>')\n"
            "class Greet(View):\n"
            "    def get(self, request):\n"
            "        return Markup(name_of(self.request))\n"
            "def badge(user):\n"
            "    return Markup(user.nickname)\n"
        ),
    }
    found = assert_finds(tmp_path, "PG307", files, count=3, path="app/views.py")
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (6, "high"), (9, "high"), (11, "low")]
    assert "request.GET.get('name', '') (line 5) → `name` (line 5)" in found[0].message


def test_silent_when_autoescaping_is_on_or_the_output_is_text(tmp_path) -> None:
    files = {
        "proj/__init__.py": "",
        "proj/jinja2.py": (
            "from jinja2 import Environment, select_autoescape\n"
            "from markupsafe import Markup, escape\n"
            "def environment(**options):\n"
            "    env = Environment(**options)\n"
            "    env.globals['x'] = 1\n"
            "    return env\n"
            "def explicit(**options):\n"
            "    return Environment(**{**options, 'autoescape': True})\n"
            "HTML = Environment(autoescape=select_autoescape(['html']))\n"
            "def render_mail(name, **context):\n"
            "    env = Environment()\n"
            "    return env.get_template(name + '.txt').render(**context)\n"
            "def safe(request):\n"
            "    a = Markup('<br>')\n"
            "    b = Markup(escape(request.GET['q']))\n"
            "    c = Markup.escape(request.GET['q'])\n"
            "    d = Markup('<b>%s</b>') % request.GET['q']\n"
            "    return a, b, c, d\n"
        ),
        "proj/mail.py": (
            "import jinja2\n"
            "ENV = jinja2.Environment(loader=jinja2.FileSystemLoader('mail'))\n"
            "def render(name):\n"
            "    return ENV.get_template(name + '.txt').render()\n"
        ),
        "proj/tests/test_render.py": "import jinja2\nENV = jinja2.Environment()\n",
    }
    assert_silent(tmp_path, "PG307", files)


def test_fires_when_autoescape_is_switched_off_after_construction(tmp_path) -> None:
    files = {
        "proj/__init__.py": "",
        "proj/jinja2.py": (
            "from jinja2 import Environment\n"
            "def environment(**options):\n"
            "    env = Environment(**options)\n"
            "    env.autoescape = False\n"
            "    return env\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG307", files, line=4, confidence="high")
    assert "is switched to autoescape=False" in finding.message


INCLUDE = (
    "from jinja2.ext import Extension\n"
    "from markupsafe import Markup, escape\n"
    "class IncludeExtension(Extension):\n"
    "    tags = {'include_part'}\n"
)


def test_silent_on_markup_where_the_template_does_not_autoescape(tmp_path) -> None:
    code = INCLUDE + (
        "    def _include(self, value, context):\n"
        "        html = value.render() if hasattr(value, 'render') else value\n"
        "        if context.eval_ctx.autoescape:\n"
        "            return escape(html)\n"
        "        else:\n"
        "            return Markup(html)\n"
        "    def _wrap(self, value, eval_ctx):\n"
        "        if not eval_ctx.autoescape:\n"
        "            return Markup(value)\n"
        "        return escape(value)\n"
    )
    assert_silent(tmp_path, "PG307", {"app/jinja2tags.py": code})


def test_fires_on_markup_where_the_template_autoescapes(tmp_path) -> None:
    code = INCLUDE + (
        "    def _include(self, value, context):\n"
        "        if context.eval_ctx.autoescape:\n"
        "            return Markup(value)\n"
        "        return escape(value)\n"
        "    def _other(self, value, context):\n"
        "        if self.autoescape:\n"
        "            return escape(value)\n"
        "        return Markup(value)\n"
        "    def _request(self, request, context):\n"
        "        if not context.eval_ctx.autoescape:\n"
        "            return Markup(request.GET['q'])\n"
    )
    found = assert_finds(tmp_path, "PG307", {"app/jinja2tags.py": code}, count=3)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (7, "low"), (12, "low"), (15, "high")]
