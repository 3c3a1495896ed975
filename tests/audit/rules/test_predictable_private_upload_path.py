from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = "import uuid\nfrom django.db import models\n"


def test_fires_on_private_files_at_predictable_paths(tmp_path) -> None:
    code = HEAD + (
        "class Invoice(models.Model):\n"
        "    pdf = models.FileField(upload_to='invoices/%Y/%m/%d/')\n"
        "class Applicant(models.Model):\n"
        "    passport_scan = models.ImageField()\n"
    )
    found = assert_finds(tmp_path, "PG504", {"billing/models.py": code}, count=2,
                         severity="medium", confidence="medium")
    assert [f.location.line for f in found] == [4, 6]
    assert "'invoices/%Y/%m/%d/' plus the upload date" in found[0].message
    assert "`Applicant.passport_scan` (ImageField)" in found[1].message


def test_fires_on_an_upload_to_function_without_a_random_part(tmp_path) -> None:
    files = {
        "kyc/__init__.py": "",
        "kyc/paths.py": "def document_path(instance, filename):\n"
                        "    return f'documents/{instance.user_id}/{filename}'\n",
        "kyc/models.py": HEAD + (
            "from .paths import document_path\n"
            "def local_path(instance, filename):\n"
            "    return 'contracts/' + filename\n"
            "class Check(models.Model):\n"
            "    id_document = models.FileField(upload_to=document_path)\n"
            "    contract = models.FileField(upload_to=local_path)\n"),
    }
    found = assert_finds(tmp_path, "PG504", files, count=2)
    assert "`document_path()` builds" in found[0].message
    assert found[1].location.line == 8


def test_lower_severity_or_confidence_when_less_certain(tmp_path) -> None:
    code = HEAD + "class Invoice(models.Model):\n    logo = models.ImageField(upload_to='logos/')\n"
    assert_finds(tmp_path, "PG504", {"billing/models.py": code}, severity="low")
    settings = ("STORAGES = {'default': {'BACKEND': "
                "'storages.backends.s3boto3.S3Boto3Storage'}}\n")
    code = HEAD + ("class Payslip(models.Model):\n"
                   "    payslip = models.FileField(upload_to='slips/')\n")
    found = assert_finds(tmp_path / "s3", "PG504", {"hr/models.py": code,
                                                    "site/settings.py": settings},
                         confidence="low", severity="medium")
    assert "S3Boto3Storage" in found[0].message


def test_silent_for_random_paths_private_storage_and_public_files(tmp_path) -> None:
    code = HEAD + (
        "from django.core.files.storage import FileSystemStorage\n"
        "private = FileSystemStorage(location='/srv/private')\n"
        "def random_path(instance, filename):\n"
        "    return f'invoices/{uuid.uuid4().hex}/{filename}'\n"
        "class Invoice(models.Model):\n"
        "    pdf = models.FileField(upload_to=random_path)\n"
        "    scan = models.FileField(upload_to='scans/', storage=private)\n"
        "    receipt = models.FileField(upload_to=lambda i, f: f'r/{uuid.uuid4()}/{f}')\n"
        "class Product(models.Model):\n"
        "    image = models.ImageField(upload_to='products/')\n"
        "    manual = models.FileField(upload_to='manuals/%Y/')\n"
    )
    assert_silent(tmp_path, "PG504", {"shop/models.py": code})
    migration = HEAD + ("class Migration:\n    fields = [models.FileField(upload_to='i/')]\n"
                        "class Invoice(models.Model):\n"
                        "    pdf = models.FileField(upload_to='invoices/')\n")
    assert_silent(tmp_path / "m", "PG504", {"billing/migrations/0002_invoice.py": migration,
                                           "billing/tests/test_models.py": migration})
