from __future__ import annotations

from django.db import models


class State(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        app_label = "queryapp"

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    name = models.CharField(max_length=50)
    invite_token = models.CharField(max_length=50, default="")
    state = models.ForeignKey(State, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        app_label = "queryapp"

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    STATUS = [("active", "Active"), ("suspended", "Suspended"), ("left", "Left the club")]
    ponyguard_sensitive_fields = ("ssn",)

    username = models.CharField(max_length=50)
    email = models.EmailField(blank=True)
    password = models.CharField(max_length=128, default="")
    api_key = models.CharField(max_length=64, default="")
    ssn = models.CharField(max_length=11, blank=True)
    age = models.IntegerField(null=True, blank=True)
    balance = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    is_active = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=STATUS, default="active")
    level = models.SmallIntegerField(choices=[(1, "Bronze"), (2, "Silver"), (3, "Gold")],
                                     default=1)
    birthday = models.DateField(null=True, blank=True)
    modified = models.DateTimeField(null=True, blank=True)
    state = models.ForeignKey(State, null=True, blank=True, on_delete=models.SET_NULL)
    manager = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="reports")
    teams = models.ManyToManyField(Team, blank=True, related_name="members")

    class Meta:
        app_label = "queryapp"

    def __str__(self) -> str:
        return self.username
