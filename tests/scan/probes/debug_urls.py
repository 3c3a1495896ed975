"""A URLconf for rendering Django's real technical 404 page in tests."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("secret-admin/", lambda request: HttpResponse("x"), name="secret")]
