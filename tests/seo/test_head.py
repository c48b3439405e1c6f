import pytest

from cases.models import CaseStudyPage
from supports.models import SupportProgramPage

from .helpers import json_ld_types, of_type, parse_head
from .pages import page_type_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def heads(client):
    return {name: parse_head(client.get(url)) for name, url in page_type_urls().items()}


def test_every_page_type_has_a_unique_title_and_a_description(heads):
    titles = [head.title for head in heads.values()]
    assert len(set(titles)) == len(titles), titles
    for name, head in heads.items():
        assert head.meta.get("description", "").strip(), name
        assert len(head.meta["description"]) <= 160, name


def test_every_page_has_canonical_open_graph_and_twitter_card(heads):
    for name, head in heads.items():
        assert head.canonical.startswith("http://testserver/"), name
        for key in ("og:title", "og:description", "og:url", "og:image", "og:type", "twitter:card", "twitter:image"):
            assert head.meta.get(key), (name, key)
        assert head.meta["og:image"].endswith(".png"), name


def test_list_canonical_drops_paging_and_sorting_and_keeps_one_facet(client):
    assert parse_head(client.get("/cases/?sort=newest")).canonical == "http://testserver/cases/"
    assert (
        parse_head(client.get("/cases/?field=health&sort=title")).canonical == "http://testserver/cases/?field=health"
    )
    both = client.get("/cases/?field=health&field=disaster")
    assert parse_head(both).canonical == "http://testserver/cases/"
    assert 'content="noindex,follow"' in both.content.decode()
    assert parse_head(client.get("/search/?q=IoT&field=health")).canonical == "http://testserver/search/"


def test_case_page_says_what_and_where(client):
    case = CaseStudyPage.objects.live().filter(municipality_links__isnull=False, fields__isnull=False).first()
    head = parse_head(client.get(case.url))
    [article] = of_type(head, "Article")
    assert article["headline"] == case.title
    assert article["datePublished"] and article["dateModified"] and article["image"]
    places = {place["name"] for place in article["spatialCoverage"]}
    assert {m.name for m in case.municipalities()} <= places
    assert {p.name for p in case.prefectures()} <= places
    assert {field.name for field in case.fields.all()} == {thing["name"] for thing in article["about"]}
    assert head.meta["og:type"] == "article"


def test_program_page_is_a_government_service(client):
    program = SupportProgramPage.objects.live().filter(budget_yen__isnull=False).first()
    head = parse_head(client.get(program.url))
    [service] = of_type(head, "GovernmentService")
    assert service["provider"]["name"] == program.ministry
    assert service["areaServed"]["name"] == "日本"
    if "MonetaryGrant" in service["@type"]:
        assert service["amount"][0] == {
            "@type": "MonetaryAmount",
            "currency": "JPY",
            "name": "予算額",
            "value": program.budget_yen,
        }


def test_home_has_website_search_action_and_organization(heads):
    home = heads["home"]
    assert {"WebSite", "Organization"} <= set(json_ld_types(home))
    [site] = of_type(home, "WebSite")
    assert site["potentialAction"]["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"


def test_breadcrumb_list_on_inner_pages(heads):
    for name in (
        "case",
        "program",
        "seminar",
        "award",
        "case_list",
        "region_block",
        "prefecture",
        "municipality",
        "roadmap",
    ):
        [crumbs] = of_type(heads[name], "BreadcrumbList")
        items = crumbs["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert all(item["item"].startswith("http://testserver/") for item in items)


def test_seminar_page_keeps_its_event(heads):
    assert "Event" in json_ld_types(heads["seminar"])
