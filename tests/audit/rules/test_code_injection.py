from __future__ import annotations

from tests.helpers import assert_finds, assert_silent


def test_fires_on_request_data_run_as_code(tmp_path) -> None:
    code = (
        "import builtins\n"
        "def calculate(request):\n"
        "    expression = request.GET.get('expr', '0')\n"
        "    result = eval(expression)\n"
        "    exec(f\"rule = {request.POST['rule']}\", {'__builtins__': {}})\n"
        "    builtins.eval(request.GET['x'])\n"
        "    compiled = compile(request.body, '<rule>', 'exec')\n"
        "    exec(compiled)\n"
        "    return result\n"
    )
    found = assert_finds(tmp_path, "PG211", {"app/views.py": code}, path="app/views.py",
                         count=4, severity="critical", confidence="high")
    assert [f.location.line for f in found] == [4, 5, 6, 7]
    assert found[0].message == (
        "the code run by eval() comes from request data: "
        "request.GET.get('expr', '0') (line 3) → `expression` (line 3)")
    assert "the code run by compile()" in found[3].message


def test_fires_through_a_helper_in_another_module(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/rules.py": "def evaluate(rule):\n    return eval(rule)\n",
        "app/views.py": ("from .rules import evaluate\n"
                         "def apply(request):\n"
                         "    return evaluate(request.POST['rule'])\n"),
    }
    [finding] = assert_finds(tmp_path, "PG211", files, path="app/rules.py", line=2,
                             confidence="high")
    assert "passed as `rule` to `rules.evaluate()` (app/views.py:3)" in finding.message


def test_class_based_views(tmp_path) -> None:
    code = (
        "from django.views import View\n"
        "class Formula(View):\n"
        "    def post(self, request):\n"
        "        return exec(self.request.POST['code'])\n"
    )
    assert_finds(tmp_path, "PG211", {"app/views.py": code}, line=4, confidence="high")


def test_lower_confidence_for_code_of_unknown_origin(tmp_path) -> None:
    code = (
        "def run(source):\n"
        "    return eval(source)\n"
        "def call(name):\n"
        "    return eval('handler_%s()' % name)\n"
    )
    found = assert_finds(tmp_path, "PG211", {"app/plugins.py": code}, count=2,
                         severity="high")
    assert [(f.location.line, f.confidence.value) for f in found] == [(2, "low"), (4, "medium")]


def test_silent_on_literals_and_literal_eval(tmp_path) -> None:
    code = (
        "import ast\n"
        "import json\n"
        "import re\n"
        "OPERATIONS = {'add': lambda a, b: a + b}\n"
        "def view(request):\n"
        "    ast.literal_eval(request.GET['value'])\n"
        "    json.loads(request.body)\n"
        "    re.compile(request.GET['pattern'])\n"
        "    eval('1 + 1')\n"
        "    exec(compile('x = 1', '<x>', 'exec'))\n"
        "    return OPERATIONS[request.GET['op']](1, 2)\n"
        "def compile(text):\n"
        "    return text\n"
        "def other(request):\n"
        "    return compile(request.GET['t'])\n"
    )
    assert_silent(tmp_path, "PG211", {"app/views.py": code})


def test_silent_outside_audited_code(tmp_path) -> None:
    code = "def view(request):\n    return eval(request.GET['x'])\n"
    assert_silent(tmp_path, "PG211", {"app/tests/test_views.py": code,
                                      "app/migrations/0004_eval.py": code})
