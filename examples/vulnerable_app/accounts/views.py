"""Accounts: profiles, LDAP directory and avatars."""

import hashlib
from pathlib import Path

import ldap
import yaml
from django.conf import settings
from django.contrib.auth.decorators import login_required, login_not_required
from django.contrib.auth.hashers import make_password
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.utils._os import safe_join
from django.utils.http import url_has_allowed_host_and_scheme
from ldap.filter import escape_filter_chars

from .models import Profile

MAILCHIMP_API_KEY = "3f6a1c9e5b7d2f8a4c6e1b3d5f7a9c2e-us21"


@login_required
def directory_search(request):
    username = request.POST["username"]
    conn = ldap.initialize(settings.LDAP_URL)
    found = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE,
                          f"(uid={username})")
    escaped = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE,
                            "(uid=%s)" % escape_filter_chars(username))
    return JsonResponse({"found": len(found), "escaped": len(escaped)})


@login_required
def update_profile(request):
    Profile.objects.filter(user=request.user).update(**request.POST.dict())
    Profile.objects.filter(user=request.user).update(bio=request.POST.get("bio", ""))
    return redirect("accounts:profile")


@login_required
def set_legacy_password(request):
    password = request.POST["password"]
    password_hash = hashlib.sha1(password.encode()).hexdigest()
    strong_hash = make_password(password)
    Profile.objects.filter(user=request.user).update(legacy_hash=password_hash,
                                                     password_hash=strong_hash)
    return redirect("accounts:profile")


@login_required
def import_preferences(request):
    config = yaml.load(request.FILES["config"].read(), Loader=yaml.Loader)
    safe_config = yaml.safe_load(request.FILES["config"].read())
    return JsonResponse({"keys": sorted(config) + sorted(safe_config)})


@login_required
def delete_avatar(request, filename):
    (Path(settings.MEDIA_ROOT) / "avatars" / filename).unlink()
    Path(safe_join(settings.MEDIA_ROOT, "avatars", filename)).unlink()
    return redirect("accounts:profile")


@login_required
def back(request):
    return HttpResponseRedirect(request.META["HTTP_REFERER"])


@login_required
def back_checked(request):
    referer = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(referer)
    return HttpResponseRedirect("/")


@login_not_required
def public_profile(request, username):
    profile = Profile.objects.get(user__username=username, public=True)
    return JsonResponse({"bio": profile.bio})


@login_required
def profile(request):
    return JsonResponse({"bio": Profile.objects.get(user=request.user).bio})
