"""Who may call the read API: a bearer token of scope read:reach and nothing else; what every
answer says about caching, cookies and the rate limit; and what is logged (never the token)."""

import datetime as dt
import logging

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from reach_api import tokens
from reach_api.models import LAST_USED_PRECISION, ApiToken
from staff.roles import ADMINISTRATORS

pytestmark = pytest.mark.django_db

URL = "/api/v1/campaigns/"


def assert_unauthorised(response):
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer ")
    assert "detail" in response.json()


def test_no_token_is_401_with_the_bearer_challenge(api):
    assert_unauthorised(api(URL, bearer=""))


@pytest.mark.parametrize("header", [
    "Bearer", "Bearer ", "Bearer not-a-token", "Bearer ssk_short_x",
    "Bearer ssk_abcdefgh_" + "A" * 42,  # one character short
    "Bearer ssk_ABCDEFGH_" + "A" * 43,  # the prefix alphabet is lower case
    "Bearer ssk_abcdefgh_" + "A" * 43 + " extra",
])
def test_a_malformed_token_is_401(api, header):
    assert_unauthorised(api.client.get(URL, HTTP_AUTHORIZATION=header))


def test_another_scheme_is_401(api, token):
    assert_unauthorised(api.client.get(URL, HTTP_AUTHORIZATION=f"Basic {token}"))


def test_an_unknown_token_is_401(api, token):
    forged, _prefix = tokens.new_token()
    assert_unauthorised(api(URL, bearer=forged))


def test_a_right_prefix_with_a_wrong_secret_is_401(api, token):
    prefix = tokens.prefix_of(token)
    other = tokens.new_token()[0].split("_", 2)[2]
    assert_unauthorised(api(URL, bearer=f"ssk_{prefix}_{other}"))


def test_a_revoked_token_is_401_from_the_next_call(api, token, administrator):
    assert api(URL).status_code == 200
    ApiToken.objects.get().revoke(administrator)
    assert_unauthorised(api(URL))


def test_the_scheme_name_is_case_insensitive(api, token):
    assert api.client.get(URL, HTTP_AUTHORIZATION=f"bearer {token}").status_code == 200


def test_a_token_of_another_scope_is_403(api, issue):
    _instance, other = issue(scope="write:reach")
    response = api(URL, bearer=other)
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response


def test_an_admin_session_is_not_enough(client_for, make_user):
    """Token only: a signed-in superuser's session cookie gets no figures."""
    client = client_for(make_user("root", superuser=True))
    assert_unauthorised(client.get(URL))


def test_a_token_in_the_query_string_is_not_read(api, token):
    assert_unauthorised(api(f"{URL}?token={token}", bearer=""))
    assert_unauthorised(api(f"{URL}?access_token={token}", bearer=""))


def test_only_read_methods(api, token):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(api.client, method)(URL, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 405, method


# --- the token at rest ---------------------------------------------------------------------


def test_only_a_hash_of_the_token_is_stored(token):
    row = ApiToken.objects.get()
    assert row.key_digest == tokens.digest(token) != token
    stored = " ".join(str(value) for value in ApiToken.objects.values_list().get())
    assert token not in stored
    assert tokens.SECRET_BYTES >= 32 and len(token.split("_", 2)[2]) == 43


def test_tokens_are_unique_and_random(issue):
    made = {issue(name=f"t{n}")[1] for n in range(5)}
    assert len(made) == 5
    assert len({tokens.prefix_of(t) for t in made}) == 5


def test_last_used_is_written_at_most_once_a_minute(api):
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    api(URL)
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    api(URL)
    assert ApiToken.objects.get().last_used_at == first  # within the minute: not written
    ApiToken.objects.update(last_used_at=timezone.now() - LAST_USED_PRECISION
                            - dt.timedelta(seconds=1))
    api(URL)
    assert ApiToken.objects.get().last_used_at > first


# --- every answer --------------------------------------------------------------------------


@pytest.mark.parametrize("bearer", [None, ""])
def test_answers_are_never_cached_and_set_no_cookie(api, bearer, settings):
    settings.CDN_S_MAXAGE = 120
    response = api(URL, bearer=bearer)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    assert not response.cookies
    assert "Authorization" in response["Vary"]


def test_the_page_cache_never_keeps_an_api_answer(api, settings):
    settings.PAGE_CACHE_ENABLED = True
    first, second = api(URL), api(URL)
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_the_cdn_rule_keeps_api_paths_private():
    from page_cache.cdn import PRIVATE_PREFIXES

    assert URL.startswith(PRIVATE_PREFIXES)


def test_robots_txt_disallows_the_api(client):
    assert "Disallow: /api/" in client.get("/robots.txt").content.decode()


# --- rate limit -----------------------------------------------------------------------------


def test_over_the_rate_limit_is_429_with_retry_after(api, issue, settings):
    settings.REACH_API_RATE_LIMIT = "3/min"
    assert [api(URL).status_code for _ in range(3)] == [200, 200, 200]
    response = api(URL)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    # the limit is per token: another token still gets its own calls
    _other, other = issue(name="Other tool")
    assert api(URL, bearer=other).status_code == 200


# --- logging --------------------------------------------------------------------------------


def logged_text(records):
    """Everything the records carry: message, arguments and extra fields."""
    return "\n".join(f"{r.getMessage()} {r.args!r} {vars(r)!r}" for r in records)


def test_every_call_is_logged_without_the_token(api, token, caplog):
    caplog.set_level(logging.INFO)
    api(URL)
    api(URL, bearer=token[:-1] + ("A" if token[-1] != "A" else "B"))  # wrong secret
    api(URL, bearer="")
    calls = [r for r in caplog.records if r.name == "scamsense.api"]
    assert len(calls) == 3
    assert [r.api_status for r in calls] == [200, 401, 401]
    row = ApiToken.objects.get()
    assert calls[0].api_token_id == row.pk and calls[0].api_token_prefix == row.prefix
    assert calls[0].api_path == URL and calls[0].api_duration_ms >= 0
    assert calls[1].api_token_id is None  # a failed token is not named either
    secret = token.split("_", 2)[2]
    text = logged_text(caplog.records)
    assert secret not in text and secret[:-1] not in text
    assert "Bearer" not in text


def test_the_api_logger_is_on_at_info_in_the_settings(settings):
    assert settings.LOGGING["loggers"]["scamsense.api"]["level"] == "INFO"


def test_administrators_group_may_manage_tokens():
    codenames = set(Group.objects.get(name=ADMINISTRATORS).permissions.filter(
        content_type__app_label="reach_api").values_list("codename", flat=True))
    assert codenames == {"add_apitoken", "change_apitoken", "view_apitoken"}
