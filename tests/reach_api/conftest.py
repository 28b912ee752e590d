"""Fixtures for the read API: tokens, and a client that sends one."""

import pytest
from django.test import Client

from reach_api.models import ApiToken, Scope

# The reach tests' fixtures: a campaign with a link, and the reports' world of traffic.
from tests.campaigns.conftest import campaign, lesson, link  # noqa: F401
from tests.campaigns.test_learning import learned, quiz, scenario  # noqa: F401
from tests.campaigns.test_reports import lessons, marketing, world  # noqa: F401


@pytest.fixture
def issue(db):
    """issue(name=…, scope=…) → (ApiToken, token string)."""
    def make(name="BI dashboard", scope=Scope.READ_REACH, created_by=None):
        return ApiToken.issue(name=name, scope=scope, created_by=created_by)
    return make


@pytest.fixture
def token(issue):
    return issue()[1]


@pytest.fixture
def api(token):
    """api(path, token=…, **extra): GET with ``Authorization: Bearer <token>``."""
    client = Client()

    def get(path, *, bearer=None, **extra):
        value = token if bearer is None else bearer
        if value:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {value}"
        return client.get(path, **extra)
    get.client = client
    return get
