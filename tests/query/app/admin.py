"""The test admin site: a Member admin with the query search, limited to active members."""

from __future__ import annotations

from django.contrib import admin

from ponyguard.query.admin import QuerySearchMixin

from .models import Member

site = admin.AdminSite(name="queryadmin")


class MemberAdmin(QuerySearchMixin, admin.ModelAdmin):
    list_display = ("username", "status", "age")

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status="left")


site.register(Member, MemberAdmin)
