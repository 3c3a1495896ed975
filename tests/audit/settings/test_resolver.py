"""The settings resolver: every idiom it claims to interpret, one test each."""

from __future__ import annotations

import textwrap

import pytest

from ponyguard.audit.discovery import discover
from ponyguard.audit.settings.resolver import Resolution, resolve_settings
from ponyguard.audit.settings.values import UNKNOWN, UNKNOWN_REST
from tests.helpers import write_project

MANAGE = ("import os\n"
          "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.prod')\n")


def resolve(tmp_path, files: dict[str, str], module: str = "settings",
            env: dict[str, str] | None = None) -> Resolution:
    write_project(tmp_path, files)
    resolution = resolve_settings(discover(tmp_path), module, env or {})
    assert resolution is not None
    return resolution


def one(tmp_path, source: str, name: str, env: dict[str, str] | None = None):
    return resolve(tmp_path, {"settings.py": textwrap.dedent(source)}, env=env).values[name]


def split(base: str, prod: str, **extra: str) -> dict[str, str]:
    files = {
        "manage.py": MANAGE,
        "mysite/__init__.py": "",
        "mysite/settings/__init__.py": "",
        "mysite/settings/base.py": textwrap.dedent(base),
        "mysite/settings/prod.py": textwrap.dedent(prod),
    }
    files.update({f"mysite/settings/{k}.py": textwrap.dedent(v) for k, v in extra.items()})
    return files


# literals and provenance -------------------------------------------------------------------

def test_literal_values_keep_file_and_line(tmp_path) -> None:
    value = one(tmp_path, "X = 1\n\nDEBUG = True\n", "DEBUG")
    assert value.data is True
    assert (value.origin.path, value.origin.line, value.origin.column) == ("settings.py", 3, 1)
    assert value.hardcoded and not value.env


def test_lowercase_names_are_not_settings(tmp_path) -> None:
    resolution = resolve(tmp_path, {"settings.py": "debug = True\nDEBUG = False\n"})
    assert set(resolution.values) == {"DEBUG"}


def test_later_assignment_overrides(tmp_path) -> None:
    value = one(tmp_path, "DEBUG = True\nDEBUG = False\n", "DEBUG")
    assert value.data is False and value.origin.line == 2


# split settings ----------------------------------------------------------------------------

def test_star_import_chain_and_override(tmp_path) -> None:
    files = split("DEBUG = True\nSECRET_KEY = 'x'\n",
                  "from .common import *\nDEBUG = False\n",
                  common="from .base import *\nALLOWED_HOSTS = ['a']\n")
    resolution = resolve(tmp_path, files, "mysite.settings.prod")
    values = resolution.values
    assert values["DEBUG"].data is False
    assert values["DEBUG"].origin.path == "mysite/settings/prod.py"
    assert values["SECRET_KEY"].origin.path == "mysite/settings/base.py"
    assert values["ALLOWED_HOSTS"].data == ["a"]
    assert resolution.files == ["mysite/settings/prod.py", "mysite/settings/common.py",
                                "mysite/settings/base.py"]


def test_absolute_star_import_and_named_import(tmp_path) -> None:
    files = split("DEBUG = True\nSECRET_KEY = 'k'\n",
                  "from mysite.settings.base import *\nfrom .base import SECRET_KEY as K\n"
                  "SECRET_KEY = K + '2'\n")
    values = resolve(tmp_path, files, "mysite.settings.prod").values
    assert values["DEBUG"].data is True
    assert values["SECRET_KEY"].data == "k2"


def test_star_import_respects_all_and_underscore(tmp_path) -> None:
    files = split("__all__ = ['A']\nA = 1\nB = 2\n", "from .base import *\n")
    values = resolve(tmp_path, files, "mysite.settings.prod").values
    assert "A" in values and "B" not in values


def test_list_mutations(tmp_path) -> None:
    files = split("MIDDLEWARE = ['b']\nAPPS = ['x']\n",
                  "from .base import *\nMIDDLEWARE += ['c']\nMIDDLEWARE.append('d')\n"
                  "MIDDLEWARE.insert(0, 'a')\nMIDDLEWARE.extend(['e'])\n"
                  "MIDDLEWARE.remove('b')\nAPPS = APPS + ['y']\n")
    values = resolve(tmp_path, files, "mysite.settings.prod").values
    assert values["MIDDLEWARE"].data == ["a", "c", "d", "e"]
    assert values["MIDDLEWARE"].origin.path == "mysite/settings/prod.py"
    assert values["APPS"].data == ["x", "y"]


def test_mutation_does_not_leak_into_the_imported_module(tmp_path) -> None:
    files = split("MIDDLEWARE = ['b']\n", "from .base import *\nMIDDLEWARE.append('c')\n",
                  other="from .base import *\n")
    write_project(tmp_path, files)
    project = discover(tmp_path)
    assert resolve_settings(project, "mysite.settings.prod", {}).values["MIDDLEWARE"].data \
        == ["b", "c"]
    assert resolve_settings(project, "mysite.settings.other", {}).values["MIDDLEWARE"].data \
        == ["b"]


def test_item_assignment_keeps_leaf_provenance(tmp_path) -> None:
    value = one(tmp_path, """\
        import os
        DATABASES = {"default": {"ENGINE": "x", "PASSWORD": ""}}
        DATABASES["default"]["PASSWORD"] = "hunter2"
        DATABASES["default"]["HOST"] = os.environ["DB_HOST"]
        """, "DATABASES")
    password = value.leaf("default", "PASSWORD")
    assert password.data == "hunter2" and password.hardcoded and password.origin.line == 3
    host = value.leaf("default", "HOST")
    assert host.data is UNKNOWN and host.env[0].name == "DB_HOST"


def test_optional_local_import_missing_is_silent(tmp_path) -> None:
    files = split("DEBUG = False\n",
                  "from .base import *\ntry:\n    from .local import *\nexcept ImportError:\n"
                  "    pass\n")
    resolution = resolve(tmp_path, files, "mysite.settings.prod")
    assert resolution.values["DEBUG"].data is False
    assert resolution.notes == []


def test_optional_local_import_present_is_followed(tmp_path) -> None:
    files = split("DEBUG = False\n",
                  "from .base import *\ntry:\n    from .local import *\nexcept ImportError:\n"
                  "    DEBUG = None\n", local="DEBUG = True\n")
    value = resolve(tmp_path, files, "mysite.settings.prod").values["DEBUG"]
    assert value.data is True and value.origin.path == "mysite/settings/local.py"


def test_except_branch_runs_when_import_fails(tmp_path) -> None:
    files = split("DEBUG = False\n",
                  "from .base import *\ntry:\n    from .local import *\n"
                  "except ModuleNotFoundError:\n    SECRET_KEY = 'fallback'\n")
    values = resolve(tmp_path, files, "mysite.settings.prod").values
    assert values["SECRET_KEY"].data == "fallback"


def test_missing_import_under_an_undecidable_if_is_optional(tmp_path) -> None:
    files = split("DEBUG = False\n",
                  "from .base import *\nfrom pathlib import Path\n"
                  "if (Path(__file__).parent / 'local.py').exists():\n"
                  "    from .local import *\n")
    resolution = resolve(tmp_path, files, "mysite.settings.prod")
    assert resolution.notes == []
    assert resolution.values["DEBUG"].data is False


def test_unguarded_missing_import_is_a_note(tmp_path) -> None:
    files = split("DEBUG = False\n", "from .base import *\nfrom .missing import *\n")
    resolution = resolve(tmp_path, files, "mysite.settings.prod")
    [note] = resolution.notes
    assert note.kind == "import-not-followed" and "mysite.settings.missing" in note.message
    assert resolution.values["DEBUG"].data is False


def test_third_party_imports_are_opaque_not_errors(tmp_path) -> None:
    resolution = resolve(tmp_path, {"settings.py": "from sentry_sdk import init\n"
                                                   "from configurations import *\nDEBUG = False\n"})
    assert resolution.notes == []
    assert resolution.values["DEBUG"].data is False


def test_django_split_settings_include(tmp_path) -> None:
    files = {
        "settings/__init__.py": "from split_settings.tools import include, optional\n"
                                "include('components/*.py', optional('local.py'))\n",
        "settings/components/a_base.py": "DEBUG = True\nMIDDLEWARE = ['a']\n",
        "settings/components/b_security.py": "DEBUG = False\nMIDDLEWARE += ['b']\n",
    }
    values = resolve(tmp_path, files).values
    assert values["DEBUG"].data is False
    assert values["DEBUG"].origin.path == "settings/components/b_security.py"
    assert values["MIDDLEWARE"].data == ["a", "b"]


def test_import_cycle_terminates(tmp_path) -> None:
    files = split("from .prod import *\nA = 1\n", "from .base import *\nB = 2\n")
    values = resolve(tmp_path, files, "mysite.settings.prod").values
    assert values["B"].data == 2


# conditions --------------------------------------------------------------------------------

def test_if_else_on_a_known_condition(tmp_path) -> None:
    value = one(tmp_path, "DEBUG = False\nif DEBUG:\n    X = 1\nelse:\n    X = 2\n", "X")
    assert value.data == 2


def test_if_on_an_env_condition_follows_the_production_profile(tmp_path) -> None:
    source = """\
        import os
        if os.environ.get("DJANGO_ENV") == "production":
            DEBUG = False
        else:
            DEBUG = True
        """
    value = one(tmp_path, source, "DEBUG")
    assert value.data is True and value.env_defaulted == ("DJANGO_ENV",)
    assert value.unless_clause() == " unless DJANGO_ENV is set"
    assert one(tmp_path, source, "DEBUG", env={"DJANGO_ENV": "production"}).data is False


def test_a_skipped_branch_still_makes_values_depend_on_the_condition(tmp_path) -> None:
    value = one(tmp_path, "import os\nMIDDLEWARE = []\nif os.environ.get('SECURE') == '1':\n"
                "    MIDDLEWARE.insert(0, 'security')\n", "MIDDLEWARE")
    assert value.data == [] and value.env_defaulted == ("SECURE",)


def test_undecidable_if_makes_disagreeing_values_unknown(tmp_path) -> None:
    values = resolve(tmp_path, {"settings.py": "import socket\n"
                                "if socket.gethostname() == 'web1':\n    DEBUG = False\n"
                                "    A = 1\nelse:\n    DEBUG = True\n    A = 1\n"}).values
    assert values["DEBUG"].data is UNKNOWN and "line 2" in values["DEBUG"].reason
    assert values["A"].data == 1


def test_test_runner_branch_is_not_production(tmp_path) -> None:
    value = one(tmp_path, "import sys\nHASHERS = ['strong']\nif 'test' in sys.argv:\n"
                "    HASHERS = ['md5']\n", "HASHERS")
    assert value.data == ["strong"]


def test_for_loop_over_known_list_is_unrolled(tmp_path) -> None:
    value = one(tmp_path, "APPS = []\nfor app in ['a', 'b']:\n    APPS.append(app)\n", "APPS")
    assert value.data == ["a", "b"]


def test_for_loop_over_unknown_values_forgets(tmp_path) -> None:
    value = one(tmp_path, "import glob\nAPPS = []\nfor app in glob.glob('*'):\n"
                "    APPS.append(app)\n", "APPS")
    assert value.data is UNKNOWN


# environment idioms ------------------------------------------------------------------------

@pytest.mark.parametrize("expression", [
    "os.environ.get('DJANGO_DEBUG', 'True') == 'True'",
    "os.getenv('DJANGO_DEBUG', 'true').lower() in ('true', '1', 'yes')",
    "bool(int(os.environ.get('DJANGO_DEBUG', '1')))",
    "os.environ.get('DJANGO_DEBUG', 'True') != 'False'",
])
def test_os_environ_idioms_use_the_default_when_unset(tmp_path, expression) -> None:
    value = one(tmp_path, f"import os\nDEBUG = {expression}\n", "DEBUG")
    assert value.data is True
    assert value.env_defaulted == ("DJANGO_DEBUG",)
    assert value.hardcoded


@pytest.mark.parametrize("setting, expected", [("False", False), ("0", False), ("True", True)])
def test_env_profile_evaluates_precisely(tmp_path, setting, expected) -> None:
    value = one(tmp_path, "import os\nDEBUG = os.environ.get('DJANGO_DEBUG', 'True') == 'True' "
                "or os.environ.get('DJANGO_DEBUG') == '0' and False\n", "DEBUG",
                env={"DJANGO_DEBUG": setting})
    assert value.data is expected
    assert not value.env_defaulted


def test_os_environ_subscript_without_default_is_unknown_and_env_backed(tmp_path) -> None:
    value = one(tmp_path, "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
                "SECRET_KEY")
    assert value.data is UNKNOWN and not value.hardcoded
    assert [use.name for use in value.env] == ["DJANGO_SECRET_KEY"]
    assert one(tmp_path, "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
               "SECRET_KEY", env={"DJANGO_SECRET_KEY": "s"}).data == "s"


def test_from_os_import_environ_and_getenv(tmp_path) -> None:
    values = resolve(tmp_path, {"settings.py": "from os import environ, getenv\n"
                                "A = environ.get('A', 'x')\nB = getenv('B')\n"}).values
    assert values["A"].data == "x" and values["B"].data is None


def test_split_comma_list(tmp_path) -> None:
    value = one(tmp_path, "import os\nALLOWED_HOSTS = os.environ.get('HOSTS', '*').split(',')\n",
                "ALLOWED_HOSTS")
    assert value.data == ["*"] and value.env_defaulted == ("HOSTS",)


def test_f_strings_and_format(tmp_path) -> None:
    values = resolve(tmp_path, {"settings.py": "HOST = 'db'\nURL = f'postgres://{HOST}/x'\n"
                                "OTHER = '{}:{}'.format(HOST, 5432)\nP = '%s-%d' % ('a', 1)\n"}
                     ).values
    assert values["URL"].data == "postgres://db/x"
    assert values["OTHER"].data == "db:5432"
    assert values["P"].data == "a-1"


def test_django_environ(tmp_path) -> None:
    source = """\
        import environ
        env = environ.Env(DEBUG=(bool, True), HOSTS=(list, ["*"]))
        DEBUG = env("DEBUG")
        PLAIN = env.bool("PLAIN", default=False)
        HOSTS = env.list("HOSTS")
        KEY = env.str("KEY", default="dev")
        NUMBER = env.int("NUMBER", default=3)
        NEEDED = env("NEEDED")
        DATABASES = {"default": env.db("DATABASE_URL", default="postgres://u:pw@h:5432/n")}
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["DEBUG"].data is True and values["DEBUG"].env_defaulted == ("DEBUG",)
    assert values["PLAIN"].data is False
    assert values["HOSTS"].data == ["*"]
    assert values["KEY"].data == "dev"
    assert values["NUMBER"].data == 3
    assert values["NEEDED"].data is UNKNOWN
    password = values["DATABASES"].leaf("default", "PASSWORD")
    assert password.data == "pw" and password.hardcoded
    assert values["DATABASES"].data["default"]["PORT"] == 5432
    set_values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)},
                         env={"DEBUG": "off", "HOSTS": "a.com, b.com", "PLAIN": "yes"}).values
    assert set_values["DEBUG"].data is False
    assert set_values["HOSTS"].data == ["a.com", "b.com"]
    assert set_values["PLAIN"].data is True


def test_python_decouple(tmp_path) -> None:
    source = """\
        from decouple import config, Csv
        DEBUG = config("DEBUG", default=True, cast=bool)
        OFF = config("OFF", default="off", cast=bool)
        HOSTS = config("ALLOWED_HOSTS", default="a.com,b.com", cast=Csv())
        PORT = config("PORT", default="25", cast=int)
        KEY = config("SECRET_KEY")
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["DEBUG"].data is True and values["DEBUG"].env_defaulted == ("DEBUG",)
    assert values["OFF"].data is False
    assert values["HOSTS"].data == ["a.com", "b.com"]
    assert values["PORT"].data == 25
    assert values["KEY"].data is UNKNOWN
    assert resolve(tmp_path, {"settings.py": textwrap.dedent(source)},
                   env={"DEBUG": "False"}).values["DEBUG"].data is False


def test_dj_database_url(tmp_path) -> None:
    value = one(tmp_path, "import dj_database_url\nDATABASES = {'default': "
                "dj_database_url.config(default='postgres://app:s3cret@db:5432/site')}\n",
                "DATABASES")
    entry = value.data["default"]
    assert entry["ENGINE"] == "django.db.backends.postgresql" and entry["NAME"] == "site"
    password = value.leaf("default", "PASSWORD")
    assert password.data == "s3cret" and password.env_defaulted == ("DATABASE_URL",)


# what cannot be known ----------------------------------------------------------------------

def test_unknown_calls_carry_a_reason(tmp_path) -> None:
    value = one(tmp_path, "import vault\nSECRET_KEY = vault.read('key')\n", "SECRET_KEY")
    assert value.data is UNKNOWN and "vault.read" in value.reason


def test_open_file_is_unknown_not_guessed(tmp_path) -> None:
    value = one(tmp_path, "SECRET_KEY = open('/etc/key').read().strip()\n", "SECRET_KEY")
    assert value.data is UNKNOWN


def test_adding_unknown_to_a_list_keeps_the_known_part(tmp_path) -> None:
    value = one(tmp_path, "import x\nMIDDLEWARE = ['a'] + x.extra\n", "MIDDLEWARE")
    assert value.data == ["a", UNKNOWN_REST]


def test_huge_repetition_is_refused(tmp_path) -> None:
    value = one(tmp_path, "X = 'a' * 10**9\n", "X")
    assert value.data is UNKNOWN


def test_deeply_nested_expression_does_not_crash(tmp_path) -> None:
    value = one(tmp_path, "X = " + "(" * 150 + "1" + ")" * 150 + "\nDEBUG = False\n", "DEBUG")
    assert value.data is False


# more expression idioms --------------------------------------------------------------------

def test_walrus_in_a_condition_follows_the_profile(tmp_path) -> None:
    source = """\
        import os
        if v := os.getenv("SECURE_PROXY_SSL_HEADER"):
            SECURE_PROXY_SSL_HEADER = tuple(v.split(",", maxsplit=1))
        if hosts := os.getenv("HOSTS", "a.com"):
            ALLOWED_HOSTS = hosts.split(",")
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert "SECURE_PROXY_SSL_HEADER" not in values
    assert values["ALLOWED_HOSTS"].data == ["a.com"]
    set_values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)},
                         env={"SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https"}).values
    assert set_values["SECURE_PROXY_SSL_HEADER"].data == ("HTTP_X_FORWARDED_PROTO", "https")


def test_membership_in_os_environ_follows_the_profile(tmp_path) -> None:
    source = """\
        import os
        if "DJANGO_SECRET_KEY" in os.environ:
            SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
        else:
            SECRET_KEY = "insecure-fallback"
        DEBUG = "PRODUCTION" not in os.environ
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["SECRET_KEY"].data == "insecure-fallback"
    assert values["SECRET_KEY"].env_defaulted == ("DJANGO_SECRET_KEY",)
    assert values["DEBUG"].data is True and values["DEBUG"].env_defaulted == ("PRODUCTION",)
    set_values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)},
                         env={"DJANGO_SECRET_KEY": "k", "PRODUCTION": "1"}).values
    assert set_values["SECRET_KEY"].data == "k" and set_values["DEBUG"].data is False


def test_comprehensions_over_known_values(tmp_path) -> None:
    source = """\
        import os, glob
        ALLOWED_HOSTS = [h.strip() for h in os.environ.get("HOSTS", "a.com, ,b.com").split(",")
                         if h.strip()]
        ORIGINS = {f"https://{h}" for h in ALLOWED_HOSTS}
        BY_NAME = {h: len(h) for h in ALLOWED_HOSTS}
        JOINED = ",".join(h.upper() for h in ALLOWED_HOSTS)
        PAIRS = [(a, b) for a in [1, 2] for b in "xy" if a > 1]
        FOUND = [f for f in glob.glob("*.py")]
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["ALLOWED_HOSTS"].data == ["a.com", "b.com"]
    assert values["ALLOWED_HOSTS"].env_defaulted == ("HOSTS",)
    assert values["ORIGINS"].data == {"https://a.com", "https://b.com"}
    assert values["BY_NAME"].data == {"a.com": 5, "b.com": 5}
    assert values["JOINED"].data == "A.COM,B.COM"
    assert values["PAIRS"].data == [(2, "x"), (2, "y")]
    assert values["FOUND"].data is UNKNOWN and "comprehension" in values["FOUND"].reason


def test_augmented_list_addition_of_a_tuple_extends(tmp_path) -> None:
    value = one(tmp_path, "MIDDLEWARE = ['a']\nMIDDLEWARE += ('b',)\nMIDDLEWARE += 'c',\n",
                "MIDDLEWARE")
    assert value.data == ["a", "b", "c"]


def test_reading_list_and_dict_methods(tmp_path) -> None:
    source = """\
        MIDDLEWARE = ["a", "crum", "z"]
        middleware = list(MIDDLEWARE)
        middleware.insert(middleware.index("crum"), "history")
        MIDDLEWARE = middleware
        DATABASES = {"default": {"PASSWORD": "pw"}}
        DEFAULT = DATABASES.get("default")
        MISSING = DATABASES.get("replica", {})
        NAMES = list(DATABASES.keys())
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["MIDDLEWARE"].data == ["a", "history", "crum", "z"]
    assert values["DEFAULT"].data == {"PASSWORD": "pw"}
    assert values["DEFAULT"].leaf("PASSWORD").origin.line == 5
    assert values["MISSING"].data == {}
    assert values["NAMES"].data == ["default"]


def test_django_environ_file_aware_env_and_a_spread_scheme(tmp_path) -> None:
    source = """\
        import environ
        SCHEMA = {"DD_DEBUG": (bool, True)}
        env = environ.FileAwareEnv(DD_SECURE=(bool, False), **SCHEMA)
        DEBUG = env("DD_DEBUG")
        SESSION_COOKIE_SECURE = env("DD_SECURE")
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["DEBUG"].data is True and values["DEBUG"].env_defaulted == ("DD_DEBUG",)
    assert values["SESSION_COOKIE_SECURE"].data is False


def test_literal_parsers_of_environment_text(tmp_path) -> None:
    source = """\
        import ast, json, os
        from distutils.util import strtobool
        DEBUG = ast.literal_eval(os.environ.get("DEBUG", "True"))
        HOSTS = json.loads(os.environ.get("HOSTS", '["a.com"]'))
        SECURE = bool(strtobool(os.getenv("SECURE", "off")))
        BAD = ast.literal_eval(os.environ.get("BAD", "__import__('os')"))
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["DEBUG"].data is True and values["DEBUG"].env_defaulted == ("DEBUG",)
    assert values["HOSTS"].data == ["a.com"]
    assert values["SECURE"].data is False
    assert values["BAD"].data is UNKNOWN


# project helper functions -------------------------------------------------------------------

def test_single_return_helper_is_called_with_its_arguments(tmp_path) -> None:
    source = """\
        import os

        def env_bool(name, default):
            return os.environ.get(name, str(default)).lower() == "true"

        DEBUG = env_bool("DJANGO_DEBUG", True)
        SESSION_COOKIE_SECURE = env_bool(default=False, name="COOKIE_SECURE")
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    debug = values["DEBUG"]
    assert debug.data is True and debug.hardcoded
    assert debug.env_defaulted == ("DJANGO_DEBUG",)
    assert (debug.origin.path, debug.origin.line) == ("settings.py", 6)
    assert values["SESSION_COOKIE_SECURE"].data is False
    assert resolve(tmp_path, {"settings.py": textwrap.dedent(source)},
                   env={"DJANGO_DEBUG": "false"}).values["DEBUG"].data is False


def test_helper_with_locals_guards_and_early_returns(tmp_path) -> None:
    source = """\
        import os
        from pathlib import Path

        def envbool(s: str, default: str) -> bool:
            v = os.getenv(s, default=default)
            if v not in ("", "True", "False"):
                raise ValueError(f"Unexpected value {s}={v}")
            return v == "True"

        def envint(s, default):
            v = os.getenv(s, default)
            if v == "None":
                return None
            return int(v)

        def envsecret(s, default=None):
            \"\"\"A secret from the environment or from a file.\"\"\"
            if secret_path := os.getenv(s + "_FILE"):
                return Path(secret_path).read_text().strip()
            return os.getenv(s, default)

        DEBUG = envbool("DEBUG", "True")
        LIMIT = envint("LIMIT", "10000")
        SECRET_KEY = envsecret("SECRET_KEY", "---")
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["DEBUG"].data is True and values["DEBUG"].env_defaulted == ("DEBUG",)
    assert values["LIMIT"].data == 10000
    key = values["SECRET_KEY"]
    assert key.data == "---" and key.hardcoded
    assert set(key.env_defaulted) == {"SECRET_KEY", "SECRET_KEY_FILE"}
    from_file = resolve(tmp_path, {"settings.py": textwrap.dedent(source)},
                        env={"SECRET_KEY_FILE": "/run/secrets/key"}).values["SECRET_KEY"]
    assert from_file.data is UNKNOWN and "envsecret" in from_file.reason
    unexpected = resolve(tmp_path, {"settings.py": textwrap.dedent(source)},
                         env={"DEBUG": "yes"}).values["DEBUG"]
    assert unexpected.data is UNKNOWN and "raises" in unexpected.reason


def test_helpers_imported_from_a_project_module_call_each_other(tmp_path) -> None:
    files = {
        "mysite/__init__.py": "",
        "mysite/parsers.py": textwrap.dedent("""\
            import os

            def str_to_bool(value: str) -> bool:
                val_lower = value.strip().lower()
                if val_lower in ("true", "1", "t", "y", "yes"):
                    return True
                elif val_lower in ("false", "0", "f", "n", "no"):
                    return False
                raise ValueError(f"Cannot convert '{value}' to a boolean.")

            def get_bool_from_env(key: str, default: str = "NO") -> bool:
                return str_to_bool(os.getenv(key, default))

            def get_list(key, default=None):
                if key not in os.environ:
                    return default
                return [item.strip() for item in os.environ[key].split(",") if item]
            """),
        "mysite/settings.py": textwrap.dedent("""\
            from mysite.parsers import get_bool_from_env, get_list
            DEBUG = get_bool_from_env("PAPERLESS_DEBUG")
            SESSION_COOKIE_SECURE = get_bool_from_env("COOKIE_SECURE", "yes")
            ALLOWED_HOSTS = get_list("HOSTS", default=["*"])
            """),
    }
    values = resolve(tmp_path, files, "mysite.settings").values
    assert values["DEBUG"].data is False and values["DEBUG"].env_defaulted == ("PAPERLESS_DEBUG",)
    assert values["DEBUG"].origin.path == "mysite/settings.py"
    assert values["SESSION_COOKIE_SECURE"].data is True
    assert values["ALLOWED_HOSTS"].data == ["*"]
    assert values["ALLOWED_HOSTS"].env_defaulted == ("HOSTS",)
    set_values = resolve(tmp_path, files, "mysite.settings",
                         env={"PAPERLESS_DEBUG": "true", "HOSTS": "a.com,b.com"}).values
    assert set_values["DEBUG"].data is True
    assert set_values["ALLOWED_HOSTS"].data == ["a.com", "b.com"]


def test_helper_returning_its_default_when_unset(tmp_path) -> None:
    source = """\
        import os

        def get_bool_from_env(name, default_value):
            value = os.environ.get(name)
            if value is None:
                return default_value
            return value.lower() in ("true", "1")

        DEBUG = get_bool_from_env("DEBUG", True)
        """
    debug = one(tmp_path, source, "DEBUG")
    assert debug.data is True and debug.hardcoded and debug.env_defaulted == ("DEBUG",)


@pytest.mark.parametrize("body, reason", [
    ("    for x in [name]:\n        pass\n    return True\n", "For statement"),
    ("    try:\n        return os.environ[name]\n    except KeyError:\n        return True\n",
     "Try statement"),
    ("    if os.path.exists('/etc/debug'):\n        return True\n    return False\n",
     "condition that cannot be known"),
    ("    INSTALLED_APPS.append(name)\n    return True\n", "changes INSTALLED_APPS"),
    ("    return helper(name)\n", "too many nested helpers"),
])
def test_helper_bodies_the_audit_does_not_model_are_unknown(tmp_path, body, reason) -> None:
    source = (f"import os\nINSTALLED_APPS = []\n\ndef helper(name):\n{body}\n"
              "DEBUG = helper('DEBUG')\n")
    value = one(tmp_path, source, "DEBUG")
    assert value.data is UNKNOWN and "helper()" in value.reason and reason in value.reason
    assert one(tmp_path, source, "INSTALLED_APPS").data == []


def test_decorated_or_mismatched_helpers_are_not_called(tmp_path) -> None:
    source = """\
        import os, somewhere

        @somewhere.decorate
        def flag(name):
            return False

        def plain(name):
            return False

        A = flag("A")
        B = plain()
        C = plain("C", "extra")
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["A"].data is UNKNOWN
    assert values["B"].data is UNKNOWN and "do not match" in values["B"].reason
    assert values["C"].data is UNKNOWN


def test_getattr_on_an_unseen_configuration_module_uses_the_default(tmp_path) -> None:
    source = """\
        import importlib
        configuration = importlib.import_module("netbox.configuration")
        SESSION_COOKIE_SECURE = getattr(configuration, "SESSION_COOKIE_SECURE", False)
        SECRET_KEY = getattr(configuration, "SECRET_KEY")
        HOSTS = getattr(configuration, "ALLOWED_HOSTS", ["*"])
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    cookie = values["SESSION_COOKIE_SECURE"]
    assert cookie.data is False and cookie.hardcoded
    assert cookie.unless_clause() == " unless configuration.SESSION_COOKIE_SECURE is set"
    assert values["SECRET_KEY"].data is UNKNOWN
    assert values["HOSTS"].data == ["*"]


# what a skipped branch would have set ---------------------------------------------------

def test_a_skipped_branch_records_what_it_would_have_set(tmp_path) -> None:
    source = """\
        import os
        MIDDLEWARE = ["csrf"]
        if os.environ.get("USE_GZIP") == "1":
            MIDDLEWARE.append("gzip")
        """
    value = one(tmp_path, source, "MIDDLEWARE")
    assert value.data == ["csrf"] and value.env_defaulted == ("USE_GZIP",)
    [alternative] = value.alternatives
    assert alternative.names == ("USE_GZIP",) and alternative.data == ["csrf", "gzip"]
    # USE_GZIP cannot make "security" appear, but it does make "gzip" appear
    assert value.settled(lambda data: "security" not in data).env_defaulted == ()
    assert value.settled(lambda data: "gzip" not in data).env_defaulted == ("USE_GZIP",)


def test_a_variable_read_into_the_value_is_never_settled(tmp_path) -> None:
    source = """\
        import os
        KEY = os.getenv("KEY", "weak")
        if os.getenv("KEY") == "rotate":
            KEY = "also-weak"
        """
    value = one(tmp_path, source, "KEY")
    assert value.data == "weak" and value.alternatives
    assert value.settled(lambda data: len(data) < 50).env_defaulted == ("KEY",)


def test_simulating_a_skipped_branch_leaves_no_notes(tmp_path) -> None:
    resolution = resolve(tmp_path, {"settings.py": "import os\nAPPS = []\n"
                                    "if os.environ.get('EXTRA'):\n"
                                    "    from .missing import *\n    APPS.append('x')\n"})
    assert resolution.notes == [] and resolution.files == ["settings.py"]
    assert resolution.values["APPS"].alternatives[0].data == ["x"]


def test_a_setting_only_a_skipped_branch_sets_is_unset_unless_its_condition(tmp_path) -> None:
    files = split("import os\n"
                  "if os.environ.get('HTTPS') == 'on':\n"
                  "    SECURE_HSTS_SECONDS = 31536000\n    SECURE_SSL_REDIRECT = True\n",
                  "from .base import *\nSECURE_SSL_REDIRECT = False\n")
    resolution = resolve(tmp_path, files, "mysite.settings.prod")
    assert "SECURE_HSTS_SECONDS" not in resolution.values
    assert [use.name for use in resolution.unset_unless["SECURE_HSTS_SECONDS"]] == ["HTTPS"]
    assert "SECURE_SSL_REDIRECT" not in resolution.unset_unless  # set, by prod.py


def test_map_filter_lambda_and_numeric_builtins(tmp_path) -> None:
    source = """\
        import os
        from decouple import config
        HOSTS = list(filter(None, os.environ.get("HOSTS", "a.com,,b.com").split(",")))
        STRIPPED = list(map(str.strip, os.environ.get("HOSTS", "a.com, b.com").split(",")))
        DEBUG = config("DEBUG", default="True", cast=lambda v: v.lower() in ("true", "1"))
        WORKERS = max(1, int(os.getenv("WORKERS", "0")))
        UNKNOWN_FN = list(map(os.path.basename, ["a/b"]))
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    assert values["HOSTS"].data == ["a.com", "b.com"]
    assert values["HOSTS"].env_defaulted == ("HOSTS",)
    assert values["STRIPPED"].data == ["a.com", "b.com"]
    assert values["DEBUG"].data is True and values["DEBUG"].env_defaulted == ("DEBUG",)
    assert values["WORKERS"].data == 1
    assert values["UNKNOWN_FN"].data is UNKNOWN


def test_an_unknown_callee_keeps_the_variables_of_its_arguments(tmp_path) -> None:
    value = one(tmp_path, "import os\nHOSTS = undefined_helper(os.getenv('HOSTS', '*'))\n",
                "HOSTS")
    assert value.data is UNKNOWN and value.env_names == ("HOSTS",)


def test_a_raise_on_an_unset_variable_makes_it_required(tmp_path) -> None:
    source = """\
        import os
        from django.core.exceptions import ImproperlyConfigured

        SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "change-me")
        SIGNING = {"key": SECRET_KEY}
        if SECRET_KEY == "change-me":
            raise ImproperlyConfigured("Set DJANGO_SECRET_KEY")
        AGAIN = os.getenv("DJANGO_SECRET_KEY", "change-me")
        PRESENT = "DJANGO_SECRET_KEY" in os.environ
        DEBUG = os.environ.get("DEBUG", "0") == "1"
        if DEBUG:
            raise RuntimeError("not reached")
        try:
            if os.environ.get("OPTIONAL") is None:
                raise KeyError("caught")
        except KeyError:
            pass
        OPTIONAL = os.environ.get("OPTIONAL", "x")
        """
    values = resolve(tmp_path, {"settings.py": textwrap.dedent(source)}).values
    for name in ("SECRET_KEY", "SIGNING", "AGAIN"):
        assert values[name].data is UNKNOWN, name
        assert "line 7" in values[name].reason and not values[name].env_defaulted
    assert values["PRESENT"].data is True
    assert values["DEBUG"].data is False and values["DEBUG"].env_defaulted == ("DEBUG",)
    assert values["OPTIONAL"].data == "x"
    set_key = resolve(tmp_path, {"settings.py": textwrap.dedent(source)},
                      env={"DJANGO_SECRET_KEY": "k" * 50}).values
    assert set_key["SECRET_KEY"].data == "k" * 50


def test_helpers_and_values_reached_through_an_imported_project_module(tmp_path) -> None:
    files = {
        "mysite/__init__.py": "",
        "mysite/helpers.py": ("import os\n\ndef env_bool(name, default):\n"
                              "    return os.environ.get(name, str(default)).lower() == 'true'\n"
                              "\nDEFAULT_HOSTS = ['*']\n"),
        "mysite/settings.py": ("import mysite.helpers\nfrom . import helpers as h\n"
                               "import os.path\n"
                               "DEBUG = mysite.helpers.env_bool('DJANGO_DEBUG', True)\n"
                               "ALLOWED_HOSTS = h.DEFAULT_HOSTS\n"
                               "BASE = os.path.dirname('/a/b')\n"),
    }
    values = resolve(tmp_path, files, "mysite.settings").values
    assert values["DEBUG"].data is True and values["DEBUG"].env_defaulted == ("DJANGO_DEBUG",)
    assert values["ALLOWED_HOSTS"].data == ["*"]
    assert values["BASE"].data is UNKNOWN


def test_a_module_first_imported_in_a_simulated_branch_still_reports_later(tmp_path) -> None:
    files = {"mysite/__init__.py": "", "mysite/broken.py": "X = (\n",
             "mysite/settings.py": ("import os\nif os.environ.get('EXTRA'):\n"
                                    "    from mysite.broken import *\n"
                                    "from mysite.broken import *\n")}
    resolution = resolve(tmp_path, files, "mysite.settings")
    assert [note.kind for note in resolution.notes] == ["syntax"]
    assert "mysite/broken.py" in resolution.files
