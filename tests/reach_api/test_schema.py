"""The OpenAPI schema at /api/v1/schema/: valid OpenAPI 3, every endpoint in it with its
bearer authentication, and nothing of the rest of the site (Wagtail's own admin API)."""

import json

import pytest
from django.urls import get_resolver
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

URL = "/api/v1/schema/"


@pytest.fixture
def schema(client):
    response = client.get(URL, {"format": "json"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def api_paths():
    """Every /api/v1/ address of the URL configuration, in OpenAPI's {name} form."""
    found = set()
    for pattern in get_resolver().url_patterns:
        route = str(getattr(pattern, "pattern", ""))
        if route.startswith("api/v1/") and not route.startswith("api/v1/schema"):
            path = "/" + route
            for converter in ("int:", "slug:", "str:"):
                path = path.replace("<" + converter, "{")
            found.add(path.replace(">", "}").replace("{pk}", "{id}"))  # drf-spectacular says id
    return found


def test_the_schema_is_valid_openapi(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_the_schema_lists_every_endpoint_and_nothing_else(schema):
    assert set(schema["paths"]) == api_paths()
    assert len(schema["paths"]) == 6
    assert all(set(methods) == {"get"} for methods in schema["paths"].values())


def test_every_endpoint_needs_the_bearer_token(schema):
    assert schema["components"]["securitySchemes"]["bearerAuth"]["type"] == "http"
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    for path, methods in schema["paths"].items():
        operation = methods["get"]
        assert operation["security"] == [{"bearerAuth": []}], path
        assert {"200", "401", "403", "429"} <= set(operation["responses"]), path


def test_the_schema_is_yaml_by_default_and_public(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    text = response.content.decode()
    assert text.startswith("openapi: 3.") and "title: ScamSense reach API" in text
