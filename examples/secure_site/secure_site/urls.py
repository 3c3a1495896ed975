from django.contrib import admin
from django.urls import path

from . import views

# The admin lives at a path that is not guessable from the framework alone.
urlpatterns = [
    path("", views.home, name="home"),
    path("backstage-7c1f/", admin.site.urls),
]
