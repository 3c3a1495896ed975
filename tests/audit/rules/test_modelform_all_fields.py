from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

MODELS = ("from django.db import models\n"
          "from django.contrib.auth.models import AbstractUser\n"
          "class Profile(models.Model):\n    bio = models.TextField()\n"
          "class Member(AbstractUser):\n    pass\n")


def test_fires_on_all_fields_and_exclude(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/forms.py": (
            "from django import forms\n"
            "from .models import Profile\n"
            "class ProfileForm(forms.ModelForm):\n"
            "    class Meta:\n"
            "        model = Profile\n"
            "        fields = '__all__'\n"
            "class BioForm(forms.ModelForm):\n"
            "    class Meta:\n"
            "        model = Profile\n"
            "        exclude = ['user']\n"
        ),
    }
    found = assert_finds(tmp_path, "PG403", files, count=2, severity="medium",
                         confidence="high")
    assert [f.location.line for f in found] == [6, 10]
    assert 'ModelForm `ProfileForm` uses fields = "__all__": every field of Profile' \
        in found[0].message
    assert "not excluded" in found[1].message


def test_user_models_are_high_severity_also_through_a_base_form(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/base.py": "from django import forms\nclass BaseForm(forms.ModelForm):\n    pass\n",
        "app/forms.py": (
            "from django.contrib.auth.models import User\n"
            "from django.forms import ALL_FIELDS\n"
            "from .base import BaseForm\n"
            "from .models import Member\n"
            "class AccountForm(BaseForm):\n"
            "    class Meta:\n"
            "        model = Member\n"
            "        fields = ALL_FIELDS\n"
            "class UserForm(BaseForm):\n"
            "    class Meta:\n"
            "        model = User\n"
            "        exclude = ('password', 'is_superuser')\n"
        ),
    }
    found = assert_finds(tmp_path, "PG403", files, path="app/forms.py", count=2,
                         severity="high")
    assert "is_staff, is_superuser, user_permissions, groups" in found[0].message
    assert "(on the user model: is_staff, user_permissions, groups)" in found[1].message


def test_fires_on_factories_and_generic_editing_views(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/views.py": (
            "from django.forms import modelform_factory, inlineformset_factory\n"
            "from django.views.generic import CreateView, UpdateView\n"
            "from .models import Profile, Member\n"
            "ProfileForm = modelform_factory(Profile, fields='__all__')\n"
            "Profiles = inlineformset_factory(Member, Profile, exclude=['member'])\n"
            "class EditProfile(UpdateView):\n"
            "    model = Profile\n"
            "    fields = '__all__'\n"
            "def make_view():\n"
            "    return CreateView.as_view(model=Profile, fields='__all__')\n"
        ),
    }
    found = assert_finds(tmp_path, "PG403", files, count=4)
    assert [f.location.line for f in found] == [4, 5, 8, 10]
    assert found[1].message.startswith("inlineformset_factory() uses exclude=")
    assert found[2].message.startswith("view `EditProfile` uses fields")


def test_silent_on_explicit_fields_admin_and_plain_forms(tmp_path) -> None:
    form = ("from django import forms\n"
            "from .models import Profile\n"
            "class AdminProfileForm(forms.ModelForm):\n"
            "    class Meta:\n"
            "        model = Profile\n"
            "        fields = '__all__'\n")
    files = {
        "app/__init__.py": "",
        "app/models.py": MODELS,
        "app/forms.py": (
            "from django import forms\n"
            "from django.forms import modelform_factory\n"
            "from django.views.generic import CreateView, ListView\n"
            "from .models import Profile\n"
            "class ProfileForm(forms.ModelForm):\n"
            "    class Meta:\n"
            "        model = Profile\n"
            "        fields = ['bio']\n"
            "        exclude = ['user']\n"
            "class Search(forms.Form):\n"
            "    class Meta:\n"
            "        fields = '__all__'\n"
            "BioForm = modelform_factory(Profile, fields=['bio'])\n"
            "class Listing(ListView):\n"
            "    fields = '__all__'\n"
            "class Create(CreateView):\n"
            "    model = Profile\n"
            "    fields = ['bio']\n"
        ),
        "app/admin.py": form,
        "app/tests/test_forms.py": form,
    }
    assert_silent(tmp_path, "PG403", files)
