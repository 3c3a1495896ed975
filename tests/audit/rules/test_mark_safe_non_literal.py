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


ESCAPE_TABLES = (
    "import json\n"
    "from django.utils.safestring import mark_safe\n"
    "QUOTES = {ord('<'): '\\\\u003C', ord('>'): '\\\\u003E', ord('&'): '\\\\u0026',\n"
    "          ord('\"'): '\\\\u0022'}\n"
    "ENTITIES = str.maketrans({'<': '&lt;', '>': '&gt;', '&': '&amp;'})\n"
    "NUMERIC = {60: None, 62: None, 38: None}\n"
)


def test_silent_on_translate_with_an_html_escape_table(tmp_path) -> None:
    code = ESCAPE_TABLES + (
        "def as_js(value):\n"
        "    return mark_safe(str(value).translate(QUOTES))\n"
        "def as_text(value):\n"
        "    return mark_safe(value.translate(ENTITIES))\n"
        "def as_json(value):\n"
        "    dumped = json.dumps(value).translate(NUMERIC)\n"
        "    return mark_safe(f'<script>{dumped}</script>')\n"
    )
    assert_silent(tmp_path, "PG301", {"app/templatetags/js.py": code})


def test_fires_on_translate_with_a_table_that_keeps_markup(tmp_path) -> None:
    code = ESCAPE_TABLES + (
        "NO_LT = {ord('>'): '&gt;', ord('&'): '&amp;'}\n"
        "BACK = {ord('<'): '<', ord('>'): '&gt;', ord('&'): '&amp;'}\n"
        "TWICE = dict(QUOTES)\n"
        "TWICE = {ord('<'): '&lt;', ord('>'): '&gt;', ord('&'): '&amp;'}\n"
        "def a(request):\n"
        "    return mark_safe(request.GET['q'].translate(NO_LT))\n"
        "def b(value):\n"
        "    return mark_safe(value.translate(BACK))\n"
        "def c(value):\n"
        "    return mark_safe(value.translate(TWICE))\n"
        "def d(value, QUOTES):\n"
        "    return mark_safe(value.translate(QUOTES))\n"
    )
    found = assert_finds(tmp_path, "PG301", {"app/templatetags/js.py": code}, count=4)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (12, "high"), (14, "low"), (16, "low"), (18, "low")]


COMPARISONS = (
    "from django.utils.html import escape, format_html\n"
    "from django.utils.safestring import mark_safe\n"
    "class TextComparison:\n"
    "    def as_html(self, value):\n"
    "        return escape(value)\n"
    "class ImageComparison:\n"
    "    def as_html(self, value):\n"
    "        return format_html('<img alt=\"{}\">', value)\n"
)


def test_silent_when_every_method_of_that_name_escapes(tmp_path) -> None:
    code = COMPARISONS + (
        "def diff(comparisons):\n"
        "    parts = [f'<li>{c.as_html(c.value)}</li>' for c in comparisons]\n"
        "    return mark_safe(''.join(parts))\n"
    )
    assert_silent(tmp_path, "PG301", {"app/compare.py": code})


def test_fires_when_a_method_of_that_name_does_not_escape(tmp_path) -> None:
    code = COMPARISONS + (
        "class RawComparison:\n"
        "    def as_html(self, value):\n"
        "        return '<pre>' + value + '</pre>'\n"
        "def diff(comparisons):\n"
        "    parts = [f'<li>{c.as_html(c.value)}</li>' for c in comparisons]\n"
        "    return mark_safe(''.join(parts))\n"
        "def summary(item):\n"
        "    return mark_safe(item.as_text())\n"
    )
    found = assert_finds(tmp_path, "PG301", {"app/compare.py": code}, count=2)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (14, "medium"), (16, "low")]
    assert "result of `c.as_html()`" in found[0].message


SAFE_INPUT = (
    "from django.utils.html import escape\n"
    "from django.utils.safestring import SafeData, SafeString, mark_safe\n"
)


def test_silent_when_only_safe_input_is_marked_safe_again(tmp_path) -> None:
    code = SAFE_INPUT + (
        "def unpercent(value):\n"
        "    was_safe = isinstance(value, SafeData)\n"
        "    value = value.replace('%%', '%')\n"
        "    return mark_safe(value) if was_safe else value\n"
        "def concat(a, b):\n"
        "    if isinstance(a, SafeData) and isinstance(b, SafeData):\n"
        "        return mark_safe(a + b)\n"
        "    return escape(a) + escape(b)\n"
        "def apply(func, text, flag):\n"
        "    if flag:\n"
        "        out = func(text, True)\n"
        "    else:\n"
        "        out = func(text)\n"
        "    if getattr(func, 'keeps_safety', False) and isinstance(text, SafeData):\n"
        "        out = SafeString(out)\n"
        "    return out\n"
        "def translated(catalog, message):\n"
        "    cleaned = message.strip()\n"
        "    result = catalog.lookup(cleaned)\n"
        "    if not isinstance(message, SafeData):\n"
        "        return result\n"
        "    else:\n"
        "        return mark_safe(result)\n"
    )
    assert_silent(tmp_path, "PG301", {"app/templatetags/text.py": code})


def test_fires_when_the_marked_value_is_not_the_checked_input(tmp_path) -> None:
    code = SAFE_INPUT + (
        "def concat(a, b):\n"
        "    if isinstance(a, SafeData):\n"
        "        return mark_safe(a + b)\n"
        "    return escape(a) + escape(b)\n"
        "def other(value, extra):\n"
        "    if isinstance(value, SafeData):\n"
        "        return mark_safe(extra)\n"
        "    return value\n"
        "def not_safe(value):\n"
        "    if not isinstance(value, SafeData):\n"
        "        return mark_safe(value)\n"
        "    return value\n"
        "def echo(request):\n"
        "    q = request.GET['q']\n"
        "    if isinstance(q, SafeData):\n"
        "        return mark_safe(q)\n"
        "    return q\n"
    )
    found = assert_finds(tmp_path, "PG301", {"app/templatetags/text.py": code}, count=4)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (5, "medium"), (9, "low"), (13, "low"), (18, "high")]


def test_silent_where_the_template_does_not_autoescape(tmp_path) -> None:
    code = SAFE_INPUT + (
        "class ShoutNode:\n"
        "    def render(self, context):\n"
        "        text = self.value.resolve(context).upper()\n"
        "        if context.autoescape:\n"
        "            return escape(text)\n"
        "        return mark_safe(text)\n"
        "    def render_on(self, context):\n"
        "        text = self.value.resolve(context).upper()\n"
        "        if context.autoescape:\n"
        "            return mark_safe(text)\n"
        "        return text\n"
    )
    [finding] = assert_finds(tmp_path, "PG301", {"app/templatetags/shout.py": code})
    assert finding.location.line == 12


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


RENDERED = (
    "from itertools import chain\n"
    "from django.utils.html import escape, format_html\n"
    "from django.utils.safestring import mark_safe\n"
)


def test_silent_on_bound_fields_and_their_errors(tmp_path) -> None:
    code = RENDERED + (
        "def cell(form, name):\n"
        "    field = form[name]\n"
        "    return mark_safe(str(field.errors) + str(field))\n"
        "class Panel:\n"
        "    def leftovers(self, shown):\n"
        "        parts = [str(self.form[n]) for n in self.form.fields if n not in shown]\n"
        "        return mark_safe(''.join(parts))\n"
        "    def visible(self):\n"
        "        return mark_safe(''.join(str(f) for f in self.form.visible_fields()))\n"
    )
    assert_silent(tmp_path, "PG301", {"app/templatetags/cells.py": code})


def test_fires_on_the_raw_data_of_a_bound_field(tmp_path) -> None:
    code = RENDERED + (
        "def cell(form, name):\n"
        "    field = form[name]\n"
        "    return mark_safe(field.value())\n"
        "def raw(form, name):\n"
        "    return mark_safe('<b>%s</b>' % form[name].data)\n"
        "def echo(request):\n"
        "    form = request.POST\n"
        "    return mark_safe(str(form['bio']))\n"
    )
    found = assert_finds(tmp_path, "PG301", {"app/templatetags/cells.py": code}, count=3)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (6, "low"), (8, "medium"), (11, "high")]


def test_silent_on_rendered_template_nodes(tmp_path) -> None:
    code = RENDERED + (
        "class LoopNode:\n"
        "    def render(self, context):\n"
        "        out = []\n"
        "        for node in self.nodelist:\n"
        "            out.append(node.render_annotated(context))\n"
        "        return mark_safe(''.join(out))\n"
    )
    assert_silent(tmp_path, "PG301", {"app/templatetags/loop.py": code})


def test_silent_on_methods_dispatched_by_a_literal_prefix(tmp_path) -> None:
    code = RENDERED + (
        "KINDS = ['css', 'js']\n"
        "class Assets:\n"
        "    def render_js(self):\n"
        "        return [format_html('<script src=\"{}\"></script>', p) for p in self.js]\n"
        "    def render_css(self):\n"
        "        return chain.from_iterable(\n"
        "            [format_html('<link href=\"{}\">', p) for p in group]"
        " for group in self.css)\n"
        "    def render(self):\n"
        "        return mark_safe('\\n'.join(chain.from_iterable(\n"
        "            getattr(self, 'render_' + kind)() for kind in KINDS)))\n"
    )
    assert_silent(tmp_path, "PG301", {"app/assets.py": code})


def test_fires_when_a_dispatched_method_does_not_escape(tmp_path) -> None:
    code = RENDERED + (
        "KINDS = ['css', 'js']\n"
        "class Assets:\n"
        "    def render_js(self):\n"
        "        return [format_html('<script src=\"{}\"></script>', p) for p in self.js]\n"
        "    def render_css(self):\n"
        "        return ['<link href=\"%s\">' % p for p in self.css]\n"
        "    def render(self):\n"
        "        return mark_safe('\\n'.join(chain.from_iterable(\n"
        "            getattr(self, 'render_' + kind)() for kind in KINDS)))\n"
        "    def pick(self, kind):\n"
        "        return mark_safe(getattr(self, kind)())\n"
    )
    found = assert_finds(tmp_path, "PG301", {"app/assets.py": code}, count=2)
    assert [f.location.line for f in found] == [11, 14]


def test_silent_when_a_super_call_reaches_an_escaping_base(tmp_path) -> None:
    code = RENDERED + (
        "class Comparison:\n"
        "    def as_html(self, value):\n"
        "        return escape(value)\n"
        "class ImageComparison(Comparison):\n"
        "    def as_html(self, value):\n"
        "        return super().as_html(value.title)\n"
        "def diff(comparisons):\n"
        "    parts = [f'<li>{c.as_html(c.value)}</li>' for c in comparisons]\n"
        "    return mark_safe(''.join(parts))\n"
    )
    assert_silent(tmp_path, "PG301", {"app/compare.py": code})


AUTOESCAPING = (
    "from django import template\n"
    "from django.utils.html import conditional_escape, escape\n"
    "from django.utils.safestring import SafeData, mark_safe\n"
    "register = template.Library()\n"
)


def test_silent_when_escaped_whenever_autoescape_is_on(tmp_path) -> None:
    code = AUTOESCAPING + (
        "@register.filter(is_safe=True, needs_autoescape=True)\n"
        "def br(value, autoescape=True):\n"
        "    if autoescape:\n"
        "        value = escape(value)\n"
        "    return mark_safe(value.replace('\\n', '<br>'))\n"
        "@register.filter(is_safe=True, needs_autoescape=True)\n"
        "def numbered(value, autoescape=True):\n"
        "    rows = value.split('\\n')\n"
        "    if not autoescape or isinstance(value, SafeData):\n"
        "        rows = ['%d. %s' % (i, r) for i, r in enumerate(rows)]\n"
        "    else:\n"
        "        rows = ['%d. %s' % (i, escape(r)) for i, r in enumerate(rows)]\n"
        "    return mark_safe('\\n'.join(rows))\n"
        "@register.filter(is_safe=True, needs_autoescape=True)\n"
        "def glue(value, arg, autoescape=True):\n"
        "    esc = conditional_escape if autoescape else (lambda x: x)\n"
        "    return mark_safe(esc(arg).join(esc(v) for v in value))\n"
        "@register.filter(is_safe=True, needs_autoescape=True)\n"
        "def stars(value, autoescape=True):\n"
        "    autoescape = autoescape and not isinstance(value, SafeData)\n"
        "    if autoescape:\n"
        "        value = escape(value)\n"
        "    return mark_safe(f'*{value}*')\n"
    )
    assert_silent(tmp_path, "PG301", {"app/templatetags/text.py": code})


def test_fires_when_the_raw_path_is_open_with_autoescape_on(tmp_path) -> None:
    code = AUTOESCAPING + (
        "@register.filter(is_safe=True, needs_autoescape=True)\n"
        "def br(value, autoescape=True):\n"
        "    if not autoescape:\n"
        "        value = escape(value)\n"
        "    return mark_safe(value.replace('\\n', '<br>'))\n"
        "@register.filter(is_safe=True, needs_autoescape=True)\n"
        "def tagged(value, tag, autoescape=True):\n"
        "    if autoescape:\n"
        "        value = escape(value)\n"
        "    return mark_safe(f'<{tag}>{value}</{tag}>')\n"
        "@register.filter(is_safe=True, needs_autoescape=True)\n"
        "def maybe(value, plain, autoescape=True):\n"
        "    if autoescape and not plain:\n"
        "        value = escape(value)\n"
        "    return mark_safe(f'<b>{value}</b>')\n"
        "def echo(request, autoescape=True):\n"
        "    text = request.GET['q']\n"
        "    if autoescape:\n"
        "        text = text.upper()\n"
        "    return mark_safe(text)\n"
    )
    found = assert_finds(tmp_path, "PG301", {"app/templatetags/text.py": code}, count=4)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (9, "low"), (14, "medium"), (19, "medium"), (24, "high")]


def test_a_property_of_constants_is_not_an_unknown_origin(tmp_path) -> None:
    code = (
        "from functools import cached_property\n"
        "from django.utils.safestring import mark_safe\n"
        "class Linker:\n"
        "    brackets = [('(', ')'), ('[', ']')]\n"
        "    @cached_property\n"
        "    def openings(self):\n"
        "        return ''.join(dict(self.brackets).keys())\n"
        "    @property\n"
        "    def label(self):\n"
        "        return self.title\n"
        "    def lead(self):\n"
        "        return mark_safe(f'<i>{self.openings}</i>')\n"
        "    def caption(self):\n"
        "        return mark_safe(f'<i>{self.label}</i>')\n"
    )
    [finding] = assert_finds(tmp_path, "PG301", {"app/links.py": code})
    assert finding.location.line == 14
    assert "`self.title`" in finding.message


def test_a_parameter_crowded_out_by_many_constants_still_fires(tmp_path) -> None:
    # More origins than the engine keeps: the six class constants come first in its order,
    # and the parameter that is dropped must still make the value unknown, not safe.
    code = (
        "from django.utils.safestring import mark_safe\n"
        "class Trimmer:\n"
        "    a, b, c, d, e, f = '(', ')', '[', ']', '{', '}'\n"
        "    def trim(self, word):\n"
        "        return word[:1] + self.a + self.b + self.c + self.d + self.e + self.f\n"
        "    def show(self, word):\n"
        "        return mark_safe(self.trim(word))\n"
    )
    assert_finds(tmp_path, "PG301", {"app/trim.py": code}, line=7)
