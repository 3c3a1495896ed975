"""Which settings modules an audit picks when none is named."""

from __future__ import annotations

from tests.helpers import audit_files, findings_of

MANAGE = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '{}')\n"


def test_entry_point_default_and_production_named_modules(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "manage.py": MANAGE.format("site.settings.dev"),
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "DEBUG = False\n",
        "site/settings/dev.py": "from .base import *\nDEBUG = True\n",
        "site/settings/production.py": "from .base import *\n",
        "site/wsgi.py": MANAGE.format("site.settings.production"),
    })
    assert result.scopes == ("site.settings.production",)
    assert not findings_of(result, "PG101"), "dev settings are not production"


def test_dev_entry_point_is_audited_when_it_is_all_there_is(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "manage.py": MANAGE.format("site.settings.dev"),
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/dev.py": "DEBUG = True\n",
    })
    assert result.scopes == ("site.settings.dev",)


def test_every_production_like_module_is_reported_separately(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/prod.py": "DEBUG = True\n",
        "site/settings/deploy_worker.py": "DEBUG = True\n",
    })
    assert set(result.scopes) == {"site.settings.prod", "site.settings.deploy_worker"}
    assert {f.location.path for f in findings_of(result, "PG101")} == {
        "site/settings/prod.py", "site/settings/deploy_worker.py"}


def test_settings_under_tests_are_not_a_deployment(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "mylib/__init__.py": "",
        "tests/__init__.py": "",
        "tests/settings.py": "DEBUG = True\nSECRET_KEY = 'x'\n",
    })
    assert not findings_of(result, "PG101")
    [missing] = findings_of(result, "PG003")
    assert "tests.settings" in missing.message and "--settings-module" in missing.message


def test_test_settings_can_be_named_explicitly(tmp_path) -> None:
    result = audit_files(tmp_path, {"tests/__init__.py": "", "tests/settings.py": "DEBUG = True\n"},
                         settings_modules=("tests.settings",))
    assert findings_of(result, "PG101")


def test_dev_entry_points_give_way_to_a_production_module(tmp_path) -> None:
    # manage.py and wsgi.py both default to the development settings; the deployment names
    # the production module in its environment (a Dockerfile ENV, a systemd unit).
    result = audit_files(tmp_path, {
        "manage.py": MANAGE.format("site.settings.dev"),
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "DEBUG = False\n",
        "site/settings/dev.py": "from .base import *\nDEBUG = True\nALLOWED_HOSTS = ['*']\n",
        "site/settings/production.py": "from .base import *\n",
        "site/wsgi.py": MANAGE.format("site.settings.dev"),
    })
    assert result.scopes == ("site.settings.production",)
    assert not findings_of(result, "PG101") and not findings_of(result, "PG104")


def test_deployment_files_name_the_settings_the_servers_use(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "manage.py": MANAGE.format("site.settings.dev"),
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/dev.py": "DEBUG = True\n",
        "site/settings/k8s.py": "DEBUG = False\n",
        "site/settings/container.py": "DEBUG = False\n",
        "site/settings/heroku.py": "DEBUG = False\n",
        "site/settings/unused.py": "DEBUG = True\n",
        "Dockerfile": "FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=site.settings.k8s\n",
        "docker-compose.yml": "services:\n  web:\n    environment:\n"
                              "      DJANGO_SETTINGS_MODULE: site.settings.container\n",
        "Procfile": "web: gunicorn site.wsgi --settings=site.settings.heroku\n",
        "notes.txt": "DJANGO_SETTINGS_MODULE=site.settings.unused\n",
    })
    assert set(result.scopes) == {"site.settings.k8s", "site.settings.container",
                                  "site.settings.heroku"}
    assert not findings_of(result, "PG101")


def test_commented_deployment_lines_are_ignored(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "site/__init__.py": "", "site/settings.py": "DEBUG = False\n",
        "site/old.py": "DEBUG = True\n",
        "Dockerfile": "# ENV DJANGO_SETTINGS_MODULE=site.old\n",
    })
    assert result.scopes == ("site.settings",)
