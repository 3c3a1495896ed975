from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

MODELS = ("from django.db import models\n"
          "class Project(models.Model):\n    name = models.TextField()\n")
HEAD = ("from rest_framework import serializers\n"
        "from django.contrib.auth.models import User\n"
        "from .models import Project\n")


def test_fires_on_writable_privilege_fields_and_passwords(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/serializers.py": HEAD + (
            "class UserSerializer(serializers.ModelSerializer):\n"
            "    class Meta:\n"
            "        model = User\n"
            "        fields = ['id', 'username',\n"
            "                  'is_staff', 'password']\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG404", files, severity="high", confidence="high")
    assert finding.location.line == 8
    assert "write is_staff (a client can grant itself privileges)" in finding.message
    assert "password without write_only" in finding.message


def test_ownership_fields_are_medium_confidence(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/serializers.py": HEAD + (
            "class ProjectSerializer(serializers.HyperlinkedModelSerializer):\n"
            "    class Meta:\n"
            "        model = Project\n"
            "        fields = ['url', 'name', 'owner']\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG404", files, line=7, severity="high",
                             confidence="medium")
    assert "owner (a client can assign objects to other users" in finding.message


def test_all_fields_and_exclude_through_a_project_base_class(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/base.py": ("from rest_framework import serializers\n"
                        "class Base(serializers.ModelSerializer):\n    pass\n"),
        "app/serializers.py": HEAD + (
            "from .base import Base\n"
            "class ProjectSerializer(Base):\n"
            "    class Meta:\n"
            "        model = Project\n"
            "        fields = '__all__'\n"
            "class AccountSerializer(Base):\n"
            "    class Meta:\n"
            "        model = User\n"
            "        exclude = ['password']\n"
        ),
    }
    found = assert_finds(tmp_path, "PG404", files, path="app/serializers.py", count=2)
    assert [(f.location.line, f.severity.value) for f in found] == [(8, "medium"),
                                                                    (12, "high")]
    assert "(on the user model: is_staff, is_superuser, user_permissions, groups)" \
        in found[1].message


def test_silent_when_sensitive_fields_are_read_only(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/serializers.py": HEAD + (
            "class UserSerializer(serializers.ModelSerializer):\n"
            "    class Meta:\n"
            "        model = User\n"
            "        fields = ['id', 'username', 'is_staff', 'password', 'groups']\n"
            "        read_only_fields = ['is_staff']\n"
            "        extra_kwargs = {'password': {'write_only': True},\n"
            "                        'groups': {'read_only': True}}\n"
            "class ProjectSerializer(serializers.ModelSerializer):\n"
            "    owner = serializers.ReadOnlyField(source='owner.username')\n"
            "    user = serializers.HiddenField(default=serializers.CurrentUserDefault())\n"
            "    class Meta:\n"
            "        model = Project\n"
            "        fields = ['id', 'name', 'owner', 'user', 'is_active', 'role']\n"
            "    def validate_role(self, value):\n"
            "        return value\n"
            "class Frozen(serializers.ModelSerializer):\n"
            "    class Meta:\n"
            "        model = Project\n"
            "        fields = ['id', 'role']\n"
            "        read_only_fields = fields\n"
            "class Plain(serializers.Serializer):\n"
            "    class Meta:\n"
            "        fields = '__all__'\n"
        ),
        "app/tests/test_api.py": HEAD + (
            "class S(serializers.ModelSerializer):\n"
            "    class Meta:\n        model = User\n        fields = '__all__'\n"
        ),
    }
    assert_silent(tmp_path, "PG404", files)
