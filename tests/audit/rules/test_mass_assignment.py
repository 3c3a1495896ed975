from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

MODELS = ("from django.db import models\n"
          "class Invoice(models.Model):\n    title = models.TextField()\n")
HEAD = "import json\nfrom django.contrib.auth.models import User\nfrom .models import Invoice\n"


def test_fires_when_request_data_chooses_the_fields(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/views.py": HEAD + (
            "def update(request, pk):\n"
            "    Invoice.objects.filter(pk=pk).update(**request.POST.dict())\n"
            "def create(request):\n"
            "    data = json.loads(request.body)\n"
            "    return Invoice(**data)\n"
            "def edit(request):\n"
            "    invoice = Invoice.objects.get(pk=1)\n"
            "    for key, value in request.POST.items():\n"
            "        setattr(invoice, key, value)\n"
            "    invoice.__dict__.update(request.POST)\n"
            "def signup(request):\n"
            "    return User.objects.create(**request.data)\n"
            "def upsert(request):\n"
            "    fields = {}\n"
            "    for name in request.POST:\n"
            "        fields[name] = request.POST[name]\n"
            "    Invoice.objects.update_or_create(pk=1, defaults=fields)\n"
        ),
    }
    found = assert_finds(tmp_path, "PG405", files, count=6, severity="high", confidence="high")
    assert [f.location.line for f in found] == [5, 8, 12, 13, 15, 20]
    assert "the list of fields Invoice.objects.filter(pk=pk).update() writes comes from " \
        "request data: request.POST (line 5)" in found[0].message
    assert "setattr(invoice, ...)" in found[2].message


def test_fires_through_a_helper_and_in_a_class_based_view(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/payload.py": "def payload(request):\n    return request.POST.dict()\n",
        "app/views.py": HEAD + (
            "from django.views import View\n"
            "from .payload import payload\n"
            "class Create(View):\n"
            "    def post(self, request):\n"
            "        Invoice.objects.create(**payload(self.request))\n"
            "        copy = {k: v for k, v in request.GET.items()}\n"
            "        return Invoice(**copy)\n"
        ),
    }
    found = assert_finds(tmp_path, "PG405", files, count=2, confidence="high")
    assert [f.location.line for f in found] == [8, 10]
    assert "returned by `payload.payload()`" in found[0].message


def test_low_confidence_for_dictionaries_of_unknown_origin(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/services.py": HEAD + ("def record(payload):\n"
                                   "    return Invoice.objects.create(**payload)\n"),
    }
    assert_finds(tmp_path, "PG405", files, line=5, severity="medium", confidence="low")


def test_silent_on_named_fields_validated_data_and_allowlists(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/views.py": HEAD + (
            "from rest_framework import serializers\n"
            "EDITABLE = {'title'}\n"
            "def a(request, form):\n"
            "    Invoice.objects.create(title=request.POST['title'])\n"
            "    data = {'title': request.POST['title']}\n"
            "    Invoice.objects.create(**data)\n"
            "    Invoice.objects.create(**form.cleaned_data)\n"
            "    clean = {k: v for k, v in request.POST.items() if k in EDITABLE}\n"
            "    Invoice.objects.create(**clean)\n"
            "    picked = {}\n"
            "    for k in EDITABLE:\n"
            "        picked[k] = request.POST.get(k)\n"
            "    Invoice.objects.get_or_create(pk=1, defaults=picked)\n"
            "    invoice = Invoice()\n"
            "    for key, value in request.POST.items():\n"
            "        if key in EDITABLE:\n"
            "            setattr(invoice, key, value)\n"
            "    Invoice.objects.filter(**{Invoice._meta.pk.name: 1}).update(title='x')\n"
            "def make(**fields):\n"
            "    return Invoice(**fields)\n"
            "def restore(obj, state):\n"
            "    obj.__dict__.update(state)\n"
            "    for name in state:\n"
            "        setattr(obj, name, state[name])\n"
            "class S(serializers.ModelSerializer):\n"
            "    def create(self, validated_data):\n"
            "        return Invoice.objects.create(**validated_data)\n"
            "    def update(self, instance, validated_data):\n"
            "        copy = {f.name: validated_data.get(f.name) for f in instance._meta.fields}\n"
            "        return Invoice(**copy)\n"
        ),
        "app/tests/test_views.py": HEAD + (
            "def v(request):\n    return Invoice(**request.POST.dict())\n"),
    }
    assert_silent(tmp_path, "PG405", files)


def test_a_helper_given_literal_keys_by_every_caller_is_silent(tmp_path) -> None:
    """The values of the mapping are of unknown origin, its keys are literal everywhere."""
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/counters.py": HEAD + (
            "def record(model, field_name, lookups, count):\n"
            "    lookups[field_name] = count\n"
            "    return model.objects.create(**lookups)\n"
            "def on_view(sender, invoice, **kwargs):\n"
            "    record(Invoice, 'views', {'invoice': invoice}, invoice.lines.count())\n"
            "def on_open(sender, user, **kwargs):\n"
            "    record(Invoice, 'opens', dict(user=user), count=user.logins)\n"
        ),
    }
    assert_silent(tmp_path, "PG405", files)


def test_a_helper_given_request_keys_by_a_caller_fires(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/counters.py": HEAD + (
            "def record(model, field_name, lookups):\n"
            "    lookups[field_name] = 1\n"
            "    return model.objects.create(**lookups)\n"
            "def on_view(request):\n"
            "    record(Invoice, 'views', {request.POST['field']: 1})\n"
            "def on_open(sender, user, **kwargs):\n"
            "    record(Invoice, 'opens', dict(user=user))\n"
        ),
    }
    assert_finds(tmp_path, "PG405", files, line=6, confidence="high",
                 message_contains="request.POST['field']")
