from django.conf import settings
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    bio = models.TextField(blank=True)
    public = models.BooleanField(default=False)
    legacy_hash = models.CharField(max_length=64, blank=True)
    password_hash = models.CharField(max_length=128, blank=True)
