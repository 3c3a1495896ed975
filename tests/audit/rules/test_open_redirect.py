from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = ("from django.shortcuts import redirect\n"
        "from django.http import HttpResponseRedirect, HttpResponsePermanentRedirect\n")


def test_fires_on_request_data(tmp_path) -> None:
    code = HEAD + (
        "def done(request):\n"
        "    return redirect(request.GET.get('next', '/'))\n"
        "def back(request):\n"
        "    return HttpResponseRedirect(request.META['HTTP_REFERER'])\n"
        "def moved(request):\n"
        "    return HttpResponsePermanentRedirect(request.POST['to'] + 'x/')\n"
    )
    found = assert_finds(tmp_path, "PG401", {"app/views.py": code}, count=3,
                         severity="medium", confidence="high")
    assert [f.location.line for f in found] == [4, 6, 8]
    assert "request.GET.get('next', '/')" in found[0].message


def test_fires_through_a_helper_and_a_cbv(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/utils.py": "def next_url(request):\n    return request.POST['next']\n",
        "app/views.py": HEAD + (
            "from django.views import View\n"
            "from .utils import next_url\n"
            "class Login(View):\n"
            "    def post(self, request):\n"
            "        return redirect(next_url(self.request))\n"
        ),
    }
    assert_finds(tmp_path, "PG401", files, path="app/views.py", line=7, confidence="high")


def test_low_confidence_for_unknown_targets(tmp_path) -> None:
    code = HEAD + "def go(target):\n    return redirect(target)\n"
    assert_finds(tmp_path, "PG401", {"app/helpers.py": code}, confidence="low")


def test_silent_when_checked_or_fixed(tmp_path) -> None:
    code = HEAD + (
        "from django.urls import reverse\n"
        "from django.utils.http import url_has_allowed_host_and_scheme, is_safe_url\n"
        "ALLOWED = {'/a/', '/b/'}\n"
        "def a(request):\n"
        "    target = request.GET.get('next', '')\n"
        "    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):\n"
        "        return redirect(target)\n"
        "    return redirect('home')\n"
        "def b(request):\n"
        "    target = request.GET['next']\n"
        "    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):\n"
        "        target = reverse('home')\n"
        "    return HttpResponseRedirect(target)\n"
        "def c(request):\n"
        "    target = request.GET['next']\n"
        "    if not is_safe_url(target, allowed_hosts=None):\n"
        "        return redirect('/')\n"
        "    return redirect(target)\n"
        "def d(request):\n"
        "    target = request.GET['next']\n"
        "    if target in ALLOWED:\n"
        "        return redirect(target)\n"
        "    return redirect(reverse('shop:detail', args=[request.GET['pk']]))\n"
        "def e(request, pk):\n"
        "    return redirect('shop:detail', pk=pk)\n"
        "def f(request):\n"
        "    return HttpResponseRedirect(request.get_full_path())\n"
        "def g(request):\n"
        "    url = request.POST.get('next', request.GET.get('next'))\n"
        "    ok = url_has_allowed_host_and_scheme(url=url, allowed_hosts=None)\n"
        "    return redirect(url if ok else '/')\n"
        "def h(request):\n"
        "    url = request.GET.get('next')\n"
        "    if url and not url_has_allowed_host_and_scheme(url, allowed_hosts=None):\n"
        "        url = None\n"
        "    return redirect(url or '/')\n"
    )
    assert_silent(tmp_path, "PG401", {"app/views.py": code})


def test_request_data_after_a_fixed_host_is_not_an_open_redirect(tmp_path) -> None:
    code = HEAD + (
        "from django.urls import reverse\n"
        "def a(request):\n"
        "    url = reverse('search')\n"
        "    return redirect(f\"{url}?{request.GET.urlencode()}\")\n"
        "def b(request):\n"
        "    return redirect('/login/?next=' + request.path)\n"
        "def c(request):\n"
        "    target = f'https://shop.example/items/{request.GET[\"id\"]}'\n"
        "    return redirect(target)\n"
        "def d(request):\n"
        "    return redirect('/accounts/login/?next=%s' % request.get_full_path())\n"
        "def e(request):\n"
        "    return redirect(reverse('home') + '#' + request.GET['anchor'])\n"
    )
    assert_silent(tmp_path, "PG401", {"app/views.py": code})


def test_request_data_that_can_still_choose_the_host(tmp_path) -> None:
    code = HEAD + (
        "def a(request):\n"
        "    return redirect('/' + request.GET['path'])\n"
        "def b(request):\n"
        "    return redirect(f'https://{request.GET[\"host\"]}/x')\n"
        "def c(request):\n"
        "    return redirect('https://shop.example' + request.GET['rest'])\n"
    )
    assert_finds(tmp_path, "PG401", {"app/views.py": code}, count=3, confidence="high")


def test_cleaned_data_of_a_form_of_unknown_class_is_not_high(tmp_path) -> None:
    """django-oscar: ``get_login_success_url(self, form)`` gets a form whose
    ``clean_redirect_url()`` checks the URL; here the form's class is not known."""
    helper = HEAD + (
        "def success_url(form):\n"
        "    return form.cleaned_data['redirect_url']\n"
        "def login(request, form):\n"
        "    return redirect(success_url(form))\n"
    )
    found = assert_finds(tmp_path / "unknown", "PG401", {"app/views.py": helper},
                         confidence="low")
    assert "of a form whose class is not known here" in found[0].message
    known = HEAD + (
        "from django import forms\n"
        "class NextForm(forms.Form):\n"
        "    redirect_url = forms.CharField()\n"
        "def login(request):\n"
        "    form = NextForm(request.POST)\n"
        "    form.is_valid()\n"
        "    return redirect(form.cleaned_data['redirect_url'])\n"
    )
    assert_finds(tmp_path / "known", "PG401", {"app/views.py": known}, confidence="high")


def test_a_url_taken_apart_and_rebuilt_keeps_its_origin(tmp_path) -> None:
    """The query string of a reversed URL or of the current path rebuilt with
    ``urlsplit()``/``urlunsplit()``, and a checked ``next`` passed to ``translate_url()``."""
    code = HEAD + (
        "from urllib.parse import urlencode, urlparse, urlsplit, urlunparse, urlunsplit\n"
        "from django.urls import reverse, translate_url\n"
        "from django.utils.http import url_has_allowed_host_and_scheme\n"
        "def with_query(url, params):\n"
        "    scheme, netloc, path, query, fragment = urlsplit(url)\n"
        "    return urlunsplit((scheme, netloc, path, urlencode(params), fragment))\n"
        "def keep_filters(url, filters):\n"
        "    parts = list(urlparse(url))\n"
        "    parts[4] = urlencode(filters)\n"
        "    return urlunparse(parts)\n"
        "def created(request):\n"
        "    return redirect(with_query(reverse('item-list'), {'locale': 'en'}))\n"
        "def saved(request, filters):\n"
        "    return HttpResponseRedirect(keep_filters(request.path, filters))\n"
        "def switch_language(request):\n"
        "    next_url = request.POST.get('next', '/')\n"
        "    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):\n"
        "        next_url = '/'\n"
        "    return HttpResponseRedirect(translate_url(next_url, request.POST['language']))\n"
    )
    assert_silent(tmp_path, "PG401", {"app/views.py": code})


def test_request_data_taken_apart_and_rebuilt_is_still_request_data(tmp_path) -> None:
    code = HEAD + (
        "from urllib.parse import urlsplit, urlunsplit\n"
        "from django.urls import translate_url\n"
        "def with_fragment(url, fragment):\n"
        "    scheme, netloc, path, query, _ = urlsplit(url)\n"
        "    return urlunsplit((scheme, netloc, path, query, fragment))\n"
        "def a(request):\n"
        "    return redirect(with_fragment(request.GET['next'], 'top'))\n"
        "def b(request):\n"
        "    return redirect(urlsplit(request.GET['next']).path)\n"
        "def c(request):\n"
        "    return HttpResponseRedirect(translate_url(url=request.POST['next'], lang_code='fr'))\n"
        "def d(request):\n"
        "    return redirect(urlunsplit(('https', request.GET['host'], '/', '', '')))\n"
    )
    found = assert_finds(tmp_path, "PG401", {"app/views.py": code}, count=4, confidence="high")
    assert [f.location.line for f in found] == [9, 11, 13, 15]
    assert "request.GET['next']" in found[0].message
