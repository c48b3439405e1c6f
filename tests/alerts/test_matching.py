"""The digest decides a match with the database backend's rule over rows it
already holds; it must find exactly what the state's search finds, on both
backends."""

import dataclasses

import pytest
from django.http import QueryDict
from django.utils import timezone

from alerts.states import search_state
from search import service
from search.backends.database import row_matches
from search.models import SearchDocument
from search.synonyms import live_lookup

pytestmark = pytest.mark.django_db

STATES = [
    ("cases", "field=health"),
    ("cases", "q=見守り"),
    ("supports", "support_kind=subsidy"),
    ("search", "q=ＩｏＴ&prefecture=hokkaido&prefecture=nagano"),
    ("search", "q=防災 センサー"),
    ("seminars", "field=disaster"),
    ("search", "q=ワイファイ"),
]


@pytest.mark.parametrize("scope,query", STATES)
def test_digest_matching_equals_the_search(backend, scope, query):
    state = search_state(scope, QueryDict(query))
    params = QueryDict(state.query, mutable=True)
    params["sort"] = "newest"
    searched = set()
    page = 1
    while True:
        params["page"] = str(page)
        result = service.search(params, fixed=state.search.fixed, log_query=False)
        searched |= {hit.document["key"] for hit in result.hits}
        if page >= result.num_pages:
            break
        page += 1
    # The editors' synonym groups apply to alerts as they do to the search.
    with_synonyms = dataclasses.replace(state.search, synonyms=live_lookup())
    today = timezone.localdate()
    matched = {
        key
        for key, text, facets in SearchDocument.objects.filter(is_deleted=False).values_list("key", "text", "facets")
        if row_matches(with_synonyms, text, facets, today)
    }
    assert matched == searched
    assert matched, "each state finds something in the seeded content"
