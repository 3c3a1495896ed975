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


PAGE_FORMS = {
    "pages/__init__.py": "",
    "pages/models.py": ("from django.db import models\n"
                        "class Page(models.Model):\n    title = models.TextField()\n"),
    "pages/forms.py": (
        "from django import forms\n"
        "from .models import Page\n"
        "class PageAdminForm(forms.ModelForm):\n"
        "    def __init__(self, *args, **kwargs):\n"
        "        super(PageAdminForm, self).__init__(*args, **kwargs)\n"
        "    class Meta:\n"
        "        model = Page\n"
        "        fields = '__all__'\n"
        "class PageAddForm(forms.ModelForm):\n"
        "    class Meta:\n"
        "        model = Page\n"
        "        exclude = ['owner']\n"
    ),
    "pages/admin.py": (
        "from django.contrib import admin\n"
        "from . import forms\n"
        "from .models import Page\n"
        "@admin.register(Page)\n"
        "class PageAdmin(admin.ModelAdmin):\n"
        "    form = forms.PageAdminForm\n"
    ),
}


def test_silent_on_forms_only_the_admin_uses_outside_admin_py(tmp_path) -> None:
    files = {
        **PAGE_FORMS,
        # an admin class in another module: add_form and get_form() count as admin uses
        "pages/staff.py": (
            "from django.contrib import admin\n"
            "from .forms import PageAddForm\n"
            "class StaffPageAdmin(admin.ModelAdmin):\n"
            "    add_form = PageAddForm\n"
            "    def get_form(self, request, obj=None, **kwargs):\n"
            "        if obj is None:\n"
            "            return PageAddForm\n"
            "        return super().get_form(request, obj, **kwargs)\n"
        ),
        # a subclass that only the admin uses, registered with site.register(form=...)
        "pages/setup.py": (
            "from django.contrib import admin\n"
            "from .forms import PageAddForm\n"
            "from .models import Page\n"
            "class QuickAddForm(PageAddForm):\n"
            "    pass\n"
            "admin.site.register(Page, form=QuickAddForm)\n"
        ),
    }
    assert_silent(tmp_path, "PG403", files)


def test_fires_on_admin_forms_also_used_outside_the_admin(tmp_path) -> None:
    files = {
        **PAGE_FORMS,
        "pages/views.py": (
            "from django.views.generic import UpdateView\n"
            "from .forms import PageAdminForm, PageAddForm\n"
            "from .models import Page\n"
            "class EditPage(UpdateView):\n"
            "    model = Page\n"
            "    form_class = PageAdminForm\n"
            "def add_page(request):\n"
            "    form = PageAddForm(request.POST)\n"
            "    form.save()\n"
        ),
    }
    found = assert_finds(tmp_path, "PG403", files, path="pages/forms.py", count=2,
                         confidence="high")
    assert [f.location.line for f in found] == [8, 12]


def test_fires_when_a_subclass_or_a_dynamic_load_reaches_a_view(tmp_path) -> None:
    files = {
        **PAGE_FORMS,
        "pages/public.py": (
            "from .forms import PageAdminForm\n"
            "class PublicPageForm(PageAdminForm):\n"
            "    pass\n"
            "def edit(request):\n"
            "    return PublicPageForm(request.POST)\n"
        ),
        "pages/loader.py": (
            "from importlib import import_module\n"
            "def add_form():\n"
            "    return getattr(import_module('pages.forms'), 'PageAddForm')\n"
        ),
    }
    found = assert_finds(tmp_path, "PG403", files, path="pages/forms.py", count=2,
                         confidence="high")
    assert [f.location.line for f in found] == [8, 12]


def test_a_form_with_no_use_in_the_project_is_still_reported(tmp_path) -> None:
    files = {**PAGE_FORMS, "pages/admin.py": "from django.contrib import admin\n"}
    assert_finds(tmp_path, "PG403", files, path="pages/forms.py", count=2, confidence="high")
