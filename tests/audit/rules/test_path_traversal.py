from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = (
    "import os\n"
    "import shutil\n"
    "from pathlib import Path\n"
    "from django.conf import settings\n"
    "from django.http import FileResponse\n"
)


def test_fires_on_request_data(tmp_path) -> None:
    code = HEAD + (
        "def download(request):\n"
        "    name = request.GET['file']\n"
        "    path = os.path.join(settings.MEDIA_ROOT, 'reports', name)\n"
        "    return FileResponse(open(path, 'rb'))\n"
        "def remove(request):\n"
        "    os.remove(os.path.normpath(settings.MEDIA_ROOT + '/' + request.POST['f']))\n"
        "def backup(request):\n"
        "    shutil.copy('/srv/db.sqlite3', request.POST['dest'])\n"
        "def show(request):\n"
        "    return Path(settings.MEDIA_ROOT, request.GET['f']).read_text()\n"
        "def purge(request):\n"
        "    (Path(settings.MEDIA_ROOT) / request.GET['f']).unlink()\n"
    )
    found = assert_finds(tmp_path, "PG214", {"app/views.py": code}, count=5,
                         severity="high", confidence="high")
    assert [f.location.line for f in found] == [9, 11, 13, 15, 17]
    assert "the path opened by open()" in found[0].message
    assert "request.GET['file']" in found[0].message
    assert "the dst path of shutil.copy()" in found[2].message


def test_fires_through_a_helper_in_another_module(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/files.py": HEAD + (
            "def read_report(name):\n"
            "    with open(os.path.join(settings.MEDIA_ROOT, name)) as handle:\n"
            "        return handle.read()\n"
        ),
        "app/views.py": (
            "from django.http import HttpResponse\n"
            "from .files import read_report\n"
            "def report(request):\n"
            "    return HttpResponse(read_report(request.GET['name']))\n"
        ),
    }
    found = assert_finds(tmp_path, "PG214", files, path="app/files.py", line=7,
                         confidence="high")
    assert "app/views.py:4" in found[0].message


def test_fires_in_a_class_based_view_with_a_path_converter(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/views.py": HEAD + (
            "from django.views import View\n"
            "class AvatarDelete(View):\n"
            "    def post(self, request, filename):\n"
            "        target = Path(settings.MEDIA_ROOT) / 'avatars' / filename\n"
            "        target.unlink()\n"
            "class Export(View):\n"
            "    def get(self, request, *args, **kwargs):\n"
            "        with open(f'/srv/exports/{self.kwargs[\"name\"]}.csv') as f:\n"
            "            return FileResponse(f)\n"
        ),
        "app/urls.py": (
            "from django.urls import path\n"
            "from . import views\n"
            "urlpatterns = [\n"
            "    path('avatars/<path:filename>/delete/', views.AvatarDelete.as_view()),\n"
            "    path('exports/<str:name>/', views.Export.as_view()),\n"
            "]\n"
        ),
    }
    found = assert_finds(tmp_path, "PG214", files, count=2, confidence="high")
    assert [f.location.line for f in found] == [10, 13]
    assert "URL argument `filename` (path)" in found[0].message


def test_confined_django_apis_are_lower_severity(tmp_path) -> None:
    code = HEAD + (
        "from django.core.files.storage import default_storage\n"
        "from django.views.static import serve\n"
        "def private(request):\n"
        "    return serve(request, request.GET['f'], document_root=settings.PRIVATE_ROOT)\n"
        "def fetch(request):\n"
        "    return FileResponse(default_storage.open(request.GET['f']))\n"
        "def upload(request):\n"
        "    default_storage.save(request.POST['name'], request.FILES['doc'])\n"
    )
    found = assert_finds(tmp_path, "PG214", {"app/views.py": code}, count=3,
                         confidence="high")
    assert [f.severity.value for f in found] == ["medium", "medium", "low"]


def test_low_confidence_for_unknown_paths_in_views(tmp_path) -> None:
    code = HEAD + (
        "from .models import Report\n"
        "def report(request, pk):\n"
        "    doc = Report.objects.get(pk=pk)\n"
        "    return FileResponse(open(os.path.join(settings.REPORTS_DIR, doc.filename), 'rb'))\n"
        "def purge(request):\n"
        "    (Path(settings.MEDIA_ROOT) / request.user.profile.folder).rmdir()\n"
        "def stored(request, pk):\n"
        "    return FileResponse(open(Report.objects.get(pk=pk).file.path, 'rb'))\n"
    )
    helpers = HEAD + (
        "def load(name):\n"
        "    return open(os.path.join(settings.DATA_DIR, name)).read()\n"
    )
    files = {"app/__init__.py": "", "app/models.py": "", "app/views.py": code,
             "app/storage.py": helpers}
    found = assert_finds(tmp_path, "PG214", files, count=2, severity="medium",
                         confidence="low")
    assert [f.location.path for f in found] == ["app/views.py"] * 2


def test_silent_on_sanitised_and_fixed_paths(tmp_path) -> None:
    code = HEAD + (
        "from django.utils.text import get_valid_filename\n"
        "from django.utils._os import safe_join\n"
        "from django.http import Http404\n"
        "ALLOWED = {'a.pdf', 'b.pdf'}\n"
        "ROOT = '/srv/reports'\n"
        "def a(request):\n"
        "    return open(os.path.join(ROOT, os.path.basename(request.GET['f'])))\n"
        "def b(request):\n"
        "    upload = request.FILES['doc']\n"
        "    with open(os.path.join(settings.MEDIA_ROOT, upload.name), 'wb') as out:\n"
        "        out.write(upload.read())\n"
        "    open(f'{ROOT}/{get_valid_filename(request.POST[\"title\"])}.txt', 'w')\n"
        "def c(request):\n"
        "    return open(safe_join(ROOT, request.GET['f']))\n"
        "def d(request):\n"
        "    full = os.path.realpath(os.path.join(ROOT, request.GET['f']))\n"
        "    if os.path.commonpath([ROOT, full]) != ROOT:\n"
        "        raise Http404\n"
        "    return open(full)\n"
        "def e(request):\n"
        "    name = request.GET['f']\n"
        "    if name not in ALLOWED:\n"
        "        raise Http404\n"
        "    open(os.path.join(ROOT, name)).close()\n"
        "    os.remove(f'{ROOT}/{int(request.GET[\"n\"])}.pdf')\n"
        "def f(request):\n"
        "    target = (Path(ROOT) / request.GET['f']).resolve()\n"
        "    if not target.is_relative_to(ROOT):\n"
        "        raise Http404\n"
        "    return target.read_bytes()\n"
        "def g():\n"
        "    with open(os.path.join(settings.BASE_DIR, 'README.md')) as fh:\n"
        "        return fh.read()\n"
    )
    assert_silent(tmp_path, "PG214", {"app/views.py": code})


def test_silent_in_tests_and_migrations(tmp_path) -> None:
    code = HEAD + "def view(request):\n    return open(request.GET['f'])\n"
    assert_silent(tmp_path, "PG214", {"app/tests/test_views.py": code,
                                      "app/migrations/0002_data.py": code})
