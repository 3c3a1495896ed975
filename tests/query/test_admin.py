"""The admin mixin on a real admin site: search, inline errors, permissions, completion."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import override_settings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("admin_site_settings"),
]
CHANGELIST = "/admin/queryapp/member/"
COMPLETE = "/admin/queryapp/member/query-complete/"


@pytest.fixture
def admin_site_settings():
    from django.conf import settings

    with override_settings(
        INSTALLED_APPS=[*settings.INSTALLED_APPS, "django.contrib.admin",
                        "django.contrib.messages"],
        ROOT_URLCONF="tests.query.app.urls",
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ],
    ):
        yield


@pytest.fixture
def staff(client):
    user = User.objects.create_user("staff", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_member"))
    client.force_login(user)
    return user


def listed(response) -> list[str]:
    return sorted(m.username for m in response.context["cl"].result_list)


def test_search_box_is_shown_and_runs_the_query(client, staff, rows) -> None:
    response = client.get(CHANGELIST, {"q": 'teams__name = "XXX" and not teams__name = "YYY"'})
    assert response.status_code == 200
    assert b'id="searchbar"' in response.content
    assert listed(response) == ["only_x"]


def test_search_runs_on_the_admins_queryset(client, staff, rows) -> None:
    # the admin hides members who left: only_y matches but is not the admin's to show
    response = client.get(CHANGELIST, {"q": 'teams__name = "YYY"'})
    assert listed(response) == ["both"]


def test_a_bad_query_is_an_inline_error_and_an_empty_list(client, staff, rows) -> None:
    response = client.get(CHANGELIST, {"q": "usrname = 1"}, follow=True)
    assert response.status_code == 200
    assert listed(response) == []
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Search: unknown field `usrname` on member (line 1, column 1); "
                        "did you mean `username`?"]
    response = client.get(CHANGELIST, {"q": "password ~ a"})
    assert "unknown field `password`" in response.content.decode()


def test_empty_search_lists_everything_the_admin_shows(client, staff, rows) -> None:
    assert listed(client.get(CHANGELIST, {"q": "  "})) == ["both", "nobody", "only_x"]


def test_completion_for_a_user_with_view_permission(client, staff, rows) -> None:
    data = client.get(COMPLETE, {"q": "teams__name = "}).json()
    assert data["context"] == "value"
    assert data["suggestions"] == ['"XXX"', '"YYY"', '"ZZZ"']
    data = client.get(COMPLETE, {"q": 'username = "on'}).json()
    assert data["suggestions"] == ['"only_x"']  # only_y left: not in the admin's queryset
    data = client.get(COMPLETE, {"q": "us", "cursor": "2"}).json()
    assert data == {"context": "field", "start": 0, "end": 2, "prefix": "us", "field": None,
                    "suggestions": ["username"]}
    assert client.get(COMPLETE, {"q": "x", "cursor": "end"}).status_code == 400


def test_completion_needs_view_permission(client, rows) -> None:
    user = User.objects.create_user("nosy", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(COMPLETE, {"q": "username = "}).status_code == 403
    assert client.get(CHANGELIST).status_code == 403


def test_completion_needs_a_staff_login(client, rows) -> None:
    response = client.get(COMPLETE, {"q": "username = "})
    assert response.status_code == 302 and "/login/" in response["Location"]
