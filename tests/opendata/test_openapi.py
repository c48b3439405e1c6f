"""The OpenAPI document, checked against the running Django app by
schemathesis: every response matches its declared status, content type and
schema, and no generated input makes a 500."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance, unsupported_method

from opendata.openapi import openapi_document

schema = schemathesis.openapi.from_dict(openapi_document())

EXCLUDED = [
    # Django's CSRF middleware answers unknown unsafe methods (QUERY, …) with
    # 403 before any view runs; GET and HEAD are the only methods served.
    unsupported_method,
    # A profile can be well-formed text yet name no municipality: the finder
    # answers it with a documented 400 that lists the reasons.
    positive_data_acceptance,
]


def test_document_is_served(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json() == openapi_document()
    assert {"/api/search/", "/api/search/suggest", "/api/supports/finder/"} <= set(response.json()["paths"])


@pytest.mark.e2e
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(case):
    case.call_and_validate(app=get_wsgi_application(), excluded_checks=EXCLUDED)
