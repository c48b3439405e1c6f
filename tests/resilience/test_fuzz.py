"""Hostile query strings on every public GET endpoint: never a 500, never
slow. Bounded example counts keep the suite quick; failures shrink to the
smallest query that breaks."""

import time
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

SLOW = 3.0  # seconds; a public page slower than this under one client is a bug
FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LIST_PARAMS = [
    "q",
    "page",
    "sort",
    "kind",
    "field",
    "block",
    "prefecture",
    "tag",
    "year",
    "award",
    "selected",
    "support_kind",
    "ministry",
    "open",
    "month",
]
FINDER_PARAMS = [
    "municipality",
    "applicant_kind",
    "disadvantaged",
    "fiscal_index",
    "small_municipality",
    "cost",
    "prerequisites",
    "field",
    "support_kind",
    "years",
    "sort",
]
CALCULATOR_PARAMS = ["applicant_kind", "disadvantaged", "fiscal_index", "cost", "measure"]

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 2**31, 2**63, -(2**63), 10**400]),
).map(str)
control = st.text(alphabet=st.characters(codec="utf-8", max_codepoint=0x1F), max_size=20)
hostile = st.sampled_from(
    [
        "\x00",
        "%00",
        "'; --",
        "<script>",
        "*:*",
        "../../etc/passwd",
        "１２",
        "NaN",
        "inf",
        "1e999",
        "0x10",
        " ",
        "\u3000",
        "\ufeff",
        "\ud7ff",
        "ｱｲｳ",
        "\u202e",
        "[]",
        "{}",
    ]
)
values = st.one_of(st.text(max_size=40), numbers, control, hostile, st.text(min_size=1000, max_size=5000), st.just(""))


def pairs(names):
    known = st.tuples(st.sampled_from(names), values)
    unknown = st.tuples(st.text(min_size=1, max_size=20), values)
    # Repeats of one parameter come from drawing the same name twice.
    return st.lists(st.one_of(known, known, unknown), max_size=12)


def fetch(client, url, query):
    started = time.monotonic()
    response = client.get(f"{url}?{urlencode(query)}")
    elapsed = time.monotonic() - started
    assert response.status_code < 500, (url, query, response.status_code)
    assert response.status_code in {200, 301, 302, 400, 404}, (url, query, response.status_code)
    assert elapsed < SLOW, (url, query, elapsed)
    return response


SEARCH_ENDPOINTS = ["/search/", "/api/search/", "/api/search/suggest", "/cases/", "/supports/"]
OTHER_ENDPOINTS = [
    ("/", LIST_PARAMS),
    ("/seminars/", LIST_PARAMS),
    ("/seminars/calendar.ics", LIST_PARAMS),
    ("/seminars/feed.atom", LIST_PARAMS),
    ("/awards/", LIST_PARAMS),
    ("/supports/finder/", FINDER_PARAMS),
    ("/supports/finder/csv/", FINDER_PARAMS),
    ("/api/supports/finder/", FINDER_PARAMS),
    ("/supports/public-wifi/", CALCULATOR_PARAMS),
]


@pytest.mark.parametrize("url", SEARCH_ENDPOINTS)
def test_search_endpoints_survive_hostile_queries(backend, client, url):
    @FUZZ
    @given(query=pairs(LIST_PARAMS))
    def check(query):
        fetch(client, url, query)

    check()


@pytest.mark.parametrize("url,names", OTHER_ENDPOINTS)
def test_other_endpoints_survive_hostile_queries(client, url, names):
    @FUZZ
    @given(query=pairs(names))
    def check(query):
        fetch(client, url, query)

    check()


def test_month_urls_survive_any_year_and_month(client):
    segment = st.one_of(numbers, st.text(min_size=1, max_size=12), st.sampled_from(["0000", "9999", "00", "13", "-1"]))

    @FUZZ
    @given(year=segment, month=segment, query=pairs(LIST_PARAMS))
    def check(year, month, query):
        fetch(client, f"/seminars/{quote(year, safe='')}/{quote(month, safe='')}/", query)

    check()


ALERT_PARAMS = ["scope", *LIST_PARAMS, *FINDER_PARAMS]
DESK_FIELDS = [
    "municipality",
    "organisation",
    "name",
    "email",
    "topic",
    "related",
    "question",
    "consent",
    "website",
    "started",
]


def test_alert_subscription_survives_hostile_states_and_forms(client):
    @FUZZ
    @given(query=pairs(ALERT_PARAMS), form=pairs(["email", "frequency"]))
    def check(query, form):
        fetch(client, "/alerts/subscribe/", query)
        response = client.post(f"/alerts/subscribe/?{urlencode(query)}", dict(form))
        assert response.status_code in {302, 400, 429, 503}, (query, form, response.status_code)

    check()


def test_alert_links_survive_any_token(client):
    @FUZZ
    @given(token=st.one_of(st.text(min_size=1, max_size=200), hostile, numbers))
    def check(token):
        for kind in ("confirm", "unsubscribe", "manage"):
            url = f"/alerts/{kind}/{quote(token, safe='')}/"
            assert client.get(url).status_code in {400, 404}, url
            assert client.post(url).status_code in {400, 403, 404}, url

    check()


def test_desk_survives_hostile_forms(client):
    @FUZZ
    @given(query=pairs(["page", "topic"]), form=pairs(DESK_FIELDS))
    def check(query, form):
        fetch(client, "/desk/", query)
        response = client.post("/desk/", dict(form))
        assert response.status_code in {302, 400, 429}, (form, response.status_code)

    check()
