from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = (
    "import base64\n"
    "import json\n"
    "import marshal\n"
    "import pickle\n"
    "import jsonpickle\n"
    "import yaml\n"
    "from django.core import signing\n"
    "from django.http import JsonResponse\n"
)


def test_fires_on_request_data(tmp_path) -> None:
    code = HEAD + (
        "def restore_cart(request):\n"
        "    cart = pickle.loads(base64.b64decode(request.COOKIES['cart']))\n"
        "    state = jsonpickle.decode(request.POST['state'])\n"
        "    config = yaml.load(request.FILES['config'].read(), Loader=yaml.Loader)\n"
        "    more = yaml.unsafe_load(request.body)\n"
        "    obj = pickle.load(request)\n"
        "    upload = pickle.load(request.FILES['model'])\n"
        "    return JsonResponse({'n': len(cart)})\n"
    )
    found = assert_finds(tmp_path, "PG501", {"app/views.py": code}, count=6,
                         severity="critical", confidence="high")
    assert [f.location.line for f in found] == [10, 11, 12, 13, 14, 15]
    assert "the data loaded by pickle.loads()" in found[0].message
    assert "request.COOKIES['cart']" in found[0].message
    assert "the YAML loaded by yaml.load() with yaml.Loader" in found[2].message


def test_weaker_apis_are_lower_severity(tmp_path) -> None:
    code = HEAD + (
        "def upload(request):\n"
        "    yaml.load(request.body)\n"
        "    yaml.full_load(request.body)\n"
        "    yaml.load(request.body, Loader=yaml.FullLoader)\n"
        "    marshal.loads(request.body)\n"
        "    signing.loads(request.COOKIES['s'], serializer=signing.PickleSerializer)\n"
        "    shelve.open(request.GET['db'])\n"
    )
    found = assert_finds(tmp_path, "PG501", {"app/views.py": "import shelve\n" + code},
                         count=6, confidence="high")
    assert [f.severity.value for f in found] == [
        "high", "medium", "medium", "high", "high", "high"]
    assert "SECRET_KEY" in found[4].message
    assert "shelve.open() (it unpickles the file)" in found[5].message


def test_fires_through_a_helper_and_in_a_class_based_view(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/state.py": HEAD + (
            "def decode_state(token):\n"
            "    return pickle.loads(base64.urlsafe_b64decode(token))\n"
        ),
        "app/views.py": HEAD + (
            "from django.views.generic import TemplateView\n"
            "from .state import decode_state\n"
            "class Wizard(TemplateView):\n"
            "    def get(self, request, *args, **kwargs):\n"
            "        state = decode_state(self.request.GET['state'])\n"
            "        return JsonResponse(state)\n"
        ),
    }
    found = assert_finds(tmp_path, "PG501", files, path="app/state.py", line=10,
                         severity="critical", confidence="high")
    assert "app/views.py:13" in found[0].message


def test_a_file_opened_at_a_path_from_the_request(tmp_path) -> None:
    code = HEAD + (
        "def load_model(request):\n"
        "    with open('/srv/models/' + request.GET['name'], 'rb') as fh:\n"
        "        return pickle.load(fh)\n"
    )
    assert_finds(tmp_path, "PG501", {"app/views.py": code}, line=11, confidence="high")


def test_unknown_data_is_medium_for_pickle_and_low_for_weaker_apis(tmp_path) -> None:
    code = HEAD + (
        "from django.core.cache import cache\n"
        "def cached(key):\n"
        "    return pickle.loads(cache.get(key))\n"
        "def config(text):\n"
        "    return yaml.full_load(text)\n"
    )
    found = assert_finds(tmp_path, "PG501", {"app/tasks.py": code}, count=2)
    assert [(f.severity.value, f.confidence.value) for f in found] == [
        ("high", "medium"), ("low", "low")]


def test_silent_on_safe_loaders_json_and_fixed_files(tmp_path) -> None:
    code = HEAD + (
        "from yaml import CSafeLoader\n"
        "from django.conf import settings\n"
        "MODEL = '/srv/models/model.pkl'\n"
        "def a(request):\n"
        "    json.loads(request.body)\n"
        "    yaml.safe_load(request.body)\n"
        "    yaml.load(request.body, Loader=yaml.SafeLoader)\n"
        "    yaml.load(request.body, Loader=CSafeLoader)\n"
        "    yaml.load(request.body, yaml.BaseLoader)\n"
        "    signing.loads(request.COOKIES['s'])\n"
        "    signing.loads(request.COOKIES['s'], serializer=signing.JSONSerializer)\n"
        "    pickle.dumps(request.POST.dict())\n"
        "def b():\n"
        "    with open(MODEL, 'rb') as fh:\n"
        "        return pickle.load(fh)\n"
        "def c():\n"
        "    return pickle.loads(b'\\x80\\x04K\\x01.')\n"
    )
    assert_silent(tmp_path, "PG501", {"app/views.py": code})


def test_silent_in_tests_and_migrations(tmp_path) -> None:
    code = HEAD + "def view(request):\n    return pickle.loads(request.body)\n"
    assert_silent(tmp_path, "PG501", {"app/tests.py": code,
                                      "app/migrations/0003_state.py": code})
