import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.text import get_valid_filename

private_storage = FileSystemStorage(location="/srv/vulnerable_app/private")


def invoice_path(instance, filename):
    return f"invoices/{uuid.uuid4().hex}/{get_valid_filename(filename)}"


class Customer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    company = models.CharField(max_length=200)
    vat_number = models.CharField(max_length=40, blank=True)
    logo = models.ImageField(upload_to="logos/", blank=True)


class Invoice(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="invoices")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    number = models.CharField(max_length=30)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    notes = models.TextField(blank=True)
    paid = models.BooleanField(default=False)
    pdf = models.FileField(upload_to="invoices/%Y/%m/%d/")
    signed_pdf = models.FileField(upload_to=invoice_path, storage=private_storage)


class KycCheck(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    passport_scan = models.ImageField(upload_to="kyc/")
