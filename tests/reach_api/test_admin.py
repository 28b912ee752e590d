"""API tokens in the admin (Settings → API tokens): only administrators list, create and revoke
them; the token is shown once, on the answer to the form, and never stored; revoking takes a
confirmed POST and stops the token at once."""

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from reach_api import tokens
from reach_api.models import ApiToken

pytestmark = pytest.mark.django_db

ANONYMOUS, EDITOR, REVIEWER, MARKETER, ADMIN, SUPERUSER = (
    "anonymous", "editor", "reviewer", "marketing", "administrator", "superuser")
ROLES = (ANONYMOUS, EDITOR, REVIEWER, MARKETER, ADMIN, SUPERUSER)
ALLOWED = {ADMIN, SUPERUSER}
INDEX, ADD = "/admin/api-tokens/", "/admin/api-tokens/new/"


@pytest.fixture
def users(editor, reviewer, marketer, administrator, make_user):
    return {ANONYMOUS: None, EDITOR: editor, REVIEWER: reviewer, MARKETER: marketer,
            ADMIN: administrator, SUPERUSER: make_user("root", superuser=True)}


@pytest.fixture
def as_role(users, client_for):
    def make(role):
        return client_for(users[role]) if users[role] else Client()
    return make


@pytest.fixture
def existing(issue, administrator):
    return issue(name="Existing tool", created_by=administrator)


def revoke_url(token):
    return f"/admin/api-tokens/revoke/{token.pk}/"


def assert_refused(response, role):
    if role == ANONYMOUS:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    else:
        assert response.status_code == 403
        assert "No access to API tokens" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("screen", ["index", "add", "revoke"])
def test_each_role_on_each_screen(as_role, existing, role, screen):
    url = {"index": INDEX, "add": ADD, "revoke": revoke_url(existing[0])}[screen]
    response = as_role(role).get(url)
    if role in ALLOWED:
        assert response.status_code == 200
    else:
        assert_refused(response, role)
    assert existing[1] not in response.content.decode()  # never shown again, to anyone


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_create_tokens(as_role, role):
    response = as_role(role).post(ADD, {"name": "Power BI", "scope": "read:reach"})
    if role in ALLOWED:
        assert response.status_code == 200
        assert ApiToken.objects.filter(name="Power BI").exists()
    else:
        assert_refused(response, role)
        assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_revoke_tokens(as_role, existing, role):
    response = as_role(role).post(revoke_url(existing[0]))
    existing[0].refresh_from_db()
    if role in ALLOWED:
        assert response.status_code == 302 and response["Location"] == INDEX
        assert existing[0].is_revoked
    else:
        assert_refused(response, role)
        assert not existing[0].is_revoked


def test_the_token_is_shown_once_and_works(as_role, administrator):
    admin = as_role(ADMIN)
    response = admin.post(ADD, {"name": "Power BI", "scope": "read:reach"})
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    row = ApiToken.objects.get()
    assert row.created_by == administrator and row.scope == "read:reach"
    shown = [word for word in html.replace('"', " ").split() if word.startswith("ssk_")]
    token = next(word for word in shown if tokens.prefix_of(word))
    assert tokens.prefix_of(token) == row.prefix and tokens.matches(token, row.key_digest)
    assert "It is shown only on this page" in html
    # it opens the API
    api = Client().get("/api/v1/campaigns/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200
    # and is never shown again: the list shows its start only
    listing = admin.get(INDEX).content.decode()
    assert token not in listing and row.display_prefix in listing and "Power BI" in listing
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(row.pk)).exists()


def test_a_token_needs_a_name_and_a_known_scope(as_role):
    admin = as_role(ADMIN)
    response = admin.post(ADD, {"name": "", "scope": "read:reach"})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    response = admin.post(ADD, {"name": "X", "scope": "write:everything"})
    assert "Select a valid choice." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_stops_the_token(as_role, existing, administrator):
    admin = as_role(ADMIN)
    row, token = existing
    page = admin.get(revoke_url(row))
    assert "Yes, revoke" in page.content.decode()
    row.refresh_from_db()
    assert not row.is_revoked  # a GET changes nothing
    assert Client().get("/api/v1/campaigns/",
                        HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    response = admin.post(revoke_url(row), follow=True)
    assert "is revoked" in response.content.decode()
    row.refresh_from_db()
    assert row.is_revoked and row.revoked_by == administrator
    assert Client().get("/api/v1/campaigns/",
                        HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert ModelLogEntry.objects.filter(action="reach_api.revoke", object_id=str(row.pk)).exists()
    listing = admin.get(INDEX).content.decode()
    assert "Revoked" in listing
    assert revoke_url(row) not in listing  # nothing left to revoke
    # a second revocation changes nothing
    first = row.revoked_at
    admin.post(revoke_url(row))
    row.refresh_from_db()
    assert row.revoked_at == first


def test_an_unknown_token_is_404_for_administrators_only(as_role):
    assert as_role(ADMIN).get("/admin/api-tokens/revoke/999999/").status_code == 404
    assert as_role(MARKETER).get("/admin/api-tokens/revoke/999999/").status_code == 403


def test_the_settings_menu_offers_api_tokens_to_administrators_only(as_role):
    assert INDEX in as_role(ADMIN).get("/admin/").content.decode()
    assert INDEX not in as_role(MARKETER).get("/admin/").content.decode()
    assert INDEX not in as_role(EDITOR).get("/admin/").content.decode()


def test_there_is_no_edit_or_delete_screen(as_role, existing):
    admin = as_role(ADMIN)
    assert admin.get(f"/admin/api-tokens/edit/{existing[0].pk}/").status_code == 404
    assert admin.get(f"/admin/api-tokens/delete/{existing[0].pk}/").status_code == 404
