from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = ("from django.utils.safestring import mark_safe, SafeString\n"
        "from django.utils.html import format_html, escape\n"
        "from django.template.loader import render_to_string\n")


def test_fires_on_request_data(tmp_path) -> None:
    code = HEAD + (
        "def greet(request):\n"
        "    name = request.GET.get('name', '')\n"
        "    a = mark_safe(f'<p>Hello {name}</p>')\n"
        "    b = SafeString(request.POST['bio'])\n"
        "    c = format_html('<p>' + name + '</p>')\n"
        "    return a, b, c\n"
    )
    found = assert_finds(tmp_path, "PG301", {"app/views.py": code}, count=3, severity="high",
                         confidence="high")
    assert [f.location.line for f in found] == [6, 7, 8]
    assert "format string of format_html()" in found[2].message


def test_fires_on_a_form_field_through_form_valid(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/forms.py": ("from django import forms\nclass Comment(forms.Form):\n"
                         "    body = forms.CharField()\n    stars = forms.IntegerField()\n"),
        "app/views.py": HEAD + (
            "from django.views.generic import FormView\n"
            "from .forms import Comment\n"
            "class Post(FormView):\n"
            "    form_class = Comment\n"
            "    def form_valid(self, form):\n"
            "        self.html = mark_safe(form.cleaned_data['body'])\n"
            "        self.stars = mark_safe('*' * form.cleaned_data['stars'])\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG301", files, confidence="high")
    assert finding.location.line == 9 and "cleaned_data['body'] of Comment" in finding.message


def test_lower_confidence_for_unknown_values(tmp_path) -> None:
    code = HEAD + (
        "def badge(user):\n"
        "    return mark_safe(f'<b>{user.nickname}</b>')\n"
        "def wrap(html):\n"
        "    return mark_safe(html)\n"
    )
    found = assert_finds(tmp_path, "PG301", {"app/templatetags/badges.py": code}, count=2)
    assert [f.confidence.value for f in found] == ["medium", "low"]


def test_silent_on_literals_and_escaped_values(tmp_path) -> None:
    code = HEAD + (
        "ICON = '<svg></svg>'\n"
        "def greet(request):\n"
        "    name = request.GET.get('name', '')\n"
        "    a = mark_safe('<br>')\n"
        "    b = mark_safe(ICON)\n"
        "    c = format_html('<p>Hello {}</p>', name)\n"
        "    d = mark_safe(f'<p>{escape(name)}</p>')\n"
        "    e = mark_safe(render_to_string('x.html', {'name': name}))\n"
        "    f = mark_safe('<i>' + str(len(name)) + '</i>')\n"
        "    g = mark_safe(format_html('<b>{}</b>', name))\n"
        "    return a, b, c, d, e, f, g\n"
    )
    assert_silent(tmp_path, "PG301", {"app/views.py": code})


DIFF = HEAD + (
    "class TextDiff:\n"
    "    def __init__(self, changes):\n"
    "        self.changes = changes\n"
    "    def to_html(self, tag='span', css_class='addition'):\n"
    "        parts = []\n"
    "        for kind, value in self.changes:\n"
    "            if kind == 'addition':\n"
    "                parts.append(f'<{tag} class=\"{css_class}\">{escape(value)}</{tag}>')\n"
    "            else:\n"
    "                parts.append(escape(value))\n"
    "        return mark_safe(''.join(parts))\n"
)


def test_literal_defaults_of_a_method_its_callers_rely_on(tmp_path) -> None:
    """``TextDiff(...).to_html()``: the callers of the method keep its literal defaults."""
    code = DIFF + (
        "def show(a, b):\n"
        "    diff = TextDiff([('equal', a), ('addition', b)])\n"
        "    return diff.to_html(), TextDiff([]).to_html(tag='del')\n"
    )
    assert_silent(tmp_path, "PG301", {"app/diff.py": code})


def test_a_caller_passing_request_data_to_that_method(tmp_path) -> None:
    code = DIFF + (
        "def show(request):\n"
        "    diff = TextDiff([('addition', request.GET['text'])])\n"
        "    return diff.to_html(css_class=request.GET['class'])\n"
    )
    [finding] = assert_finds(tmp_path, "PG301", {"app/views.py": code}, line=14,
                             confidence="high")
    assert "passed as `css_class` to `TextDiff.to_html()`" in finding.message
