"""Every test here runs on the database backend and on the real
Elasticsearch, against the real seeded content."""

import pytest
from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils.dateparse import parse_datetime

from cases.models import CaseStudyPage
from search import service
from supports.models import SupportProgramPage
from tests.engine import sync_engine

pytestmark = pytest.mark.django_db


def run(query="", fixed=None):
    return service.search(QueryDict(query), fixed=fixed, log_query=False)


def titles(result):
    return [hit.title for hit in result.hits]


def facet(result, name):
    return {v.value: v for f in result.facets if f.name == name for v in f.values}


def live_cases():
    return CaseStudyPage.objects.live().public()


def test_reports_the_backend_it_used(backend):
    assert run().backend == backend


def test_finds_a_word_inside_a_japanese_sentence(backend):
    # 「お礼ルール」 appears only in the middle of a sentence of one case's body.
    result = run("q=お礼ルール")
    assert result.count == 1
    assert titles(result) == [CaseStudyPage.objects.get(slug="asmama-kosodate-share").title]
    assert "<mark>お礼ルール</mark>" in result.hits[0].highlight


def test_finds_part_of_a_compound_place_name(backend):
    case = CaseStudyPage.objects.get(slug="asmama-kosodate-share")
    assert "生駒市" in case.summary
    assert case.title in titles(run("q=生駒"))


@pytest.mark.parametrize("variant", ["IoT", "ＩｏＴ", "iot", "ｉｏｔ", "IOT"])
def test_width_and_case_do_not_matter(backend, variant):
    assert run(f"q={variant}").count == run("q=IoT").count > 0


def test_half_width_katakana_finds_full_width(backend):
    assert run("q=ﾏﾝｺﾞｰ").count == run("q=マンゴー").count > 0


def test_every_term_must_match(backend):
    both = run("q=子育て%E3%80%80生駒")
    assert both.count >= 1
    assert both.count <= min(run("q=子育て").count, run("q=生駒").count)
    assert run("q=子育て 存在しない語句ぜったい").count == 0


def test_fixed_kind_limits_results(backend):
    result = run(fixed={"kind": ["case"]})
    assert result.count == live_cases().count()
    assert {hit.kind for hit in result.hits} == {"case"}
    assert "kind" not in {f.name for f in result.facets}


def test_field_counts_match_the_content(backend):
    counts = facet(run(fixed={"kind": ["case"]}), "field")
    for slug in ("health", "disaster", "education"):
        assert counts[slug].count == live_cases().filter(fields__slug=slug).distinct().count()


def test_all_47_prefectures_can_come_back(backend):
    # The terms aggregation must not stop at its default of 10 buckets.
    prefectures = {p for c in live_cases() for p in c.prefectures()}
    assert len(facet(run(fixed={"kind": ["case"]}), "prefecture")) == len(prefectures) > 10


def test_disjunctive_within_a_facet(backend):
    health = set(live_cases().filter(fields__slug="health").values_list("pk", flat=True))
    disaster = set(live_cases().filter(fields__slug="disaster").values_list("pk", flat=True))
    result = run("field=health&field=disaster", fixed={"kind": ["case"]})
    assert result.count == len(health | disaster)
    # The field facet's own counts ignore its own selection...
    assert facet(result, "field")["education"].count == facet(run(fixed={"kind": ["case"]}), "field")["education"].count
    assert facet(result, "field")["health"].selected and not facet(result, "field")["education"].selected


def test_conjunctive_across_facets_and_counts_reflect_other_selections(backend):
    kyushu = live_cases().filter(municipality_links__municipality__prefecture__block__slug="kyushu").distinct()
    health_kyushu = kyushu.filter(fields__slug="health").distinct()
    result = run("field=health&block=kyushu", fixed={"kind": ["case"]})
    assert result.count == health_kyushu.count()
    # ...while the block facet counts health cases only.
    health = live_cases().filter(fields__slug="health").distinct()
    kinki_health = health.filter(municipality_links__municipality__prefecture__block__slug="kinki").distinct().count()
    assert facet(result, "block").get("kinki", type("V", (), {"count": 0})).count == kinki_health


def test_dropping_a_facet_total_is_reported_for_the_empty_state(backend):
    result = run("q=子育て&field=agriculture", fixed={"kind": ["case"]})
    assert result.count == 0
    field_facet = next(f for f in result.facets if f.name == "field")
    assert field_facet.total_without == run("q=子育て", fixed={"kind": ["case"]}).count > 0


def test_support_kind_and_year_facets(backend):
    result = run("support_kind=subsidy", fixed={"kind": ["program"]})
    assert result.count == SupportProgramPage.objects.live().filter(support_kind="subsidy").count() > 0
    years = facet(run(fixed={"kind": ["program"]}), "year")
    assert years["2017"].count == SupportProgramPage.objects.live().filter(fiscal_year=2017).count()


def test_open_facet_is_decided_by_todays_date(backend):
    # The seeded windows closed in 2017–2018, so nothing is 募集中 today.
    assert run("open=1", fixed={"kind": ["program"]}).count == 0


def test_a_program_open_today_is_found_as_open_and_closes_with_its_window(backend):
    """Written against a deliberate bug (open_now always false): only a
    window around today can show that 募集中 works at all."""
    import datetime

    from django.utils import timezone

    from search.registry import facet as facet_spec

    today = timezone.localdate()
    program = SupportProgramPage.objects.live().order_by("pk").first()
    program.application_open = today - datetime.timedelta(days=3)
    program.application_close = today + datetime.timedelta(days=3)
    program.save_revision().publish()
    if backend == "elasticsearch":
        sync_engine()
    result = run("open=1", fixed={"kind": ["program"]})
    assert (result.count, titles(result)) == (1, [program.title])
    assert facet(run(fixed={"kind": ["program"]}), "open")["1"].count == 1
    window = {
        "application_open": program.application_open.isoformat(),
        "application_close": program.application_close.isoformat(),
    }
    open_facet = facet_spec("open")
    assert open_facet.values(window, today) == open_facet.values(window, program.application_close) == ["1"]
    assert open_facet.values(window, program.application_close + datetime.timedelta(days=1)) == []
    assert open_facet.values(window, program.application_open - datetime.timedelta(days=1)) == []


def test_facet_values_come_in_their_editorial_order(backend):
    """Written against a deliberate bug (the display order of the kind and
    award-tier facets removed): both follow their vocabularies, not counts."""
    from awards.models import TIER_ORDER
    from search.registry import kind_labels

    kinds = list(facet(run(), "kind"))
    assert kinds == [k for k in kind_labels() if k in kinds] and len(kinds) > 2
    tiers = list(facet(run(fixed={"kind": ["case"]}), "award_tier"))
    assert tiers == [t.value for t in TIER_ORDER if t.value in tiers] and len(tiers) > 2


def test_every_prefecture_with_cases_comes_back_as_a_facet_value(backend):
    """Written against a deliberate bug (the per-facet value cap removed:
    Elasticsearch then returns its default of ten buckets)."""
    from cases.models import CaseMunicipality

    live = live_cases().values("pk")
    expected = set(
        CaseMunicipality.objects.filter(page__in=live).values_list("municipality__prefecture__slug", flat=True)
    )
    assert len(expected) > 10
    assert set(facet(run(fixed={"kind": ["case"]}), "prefecture")) == expected


def test_no_seeded_case_claims_100_selection_so_the_facet_is_not_offered(backend):
    # The documents never say which cases are in the 100選: only an editor sets it.
    assert not live_cases().filter(selected_100=True).exists()
    assert facet(run(fixed={"kind": ["case"]}), "selected_100") == {}


@pytest.fixture
def flagged_case(db):
    """A case an editor has marked as one of the 100選 (set before the
    engine is filled, so both backends see it)."""
    case = live_cases().get(slug="asmama-kosodate-share")
    case.selected_100 = True
    case.save_revision().publish()
    return case


def test_selected_100_facet_shows_what_an_editor_set(flagged_case, backend):
    offered = facet(run(fixed={"kind": ["case"]}), "selected_100")
    assert [(v.value, v.count) for v in offered.values()] == [("1", 1)]
    assert titles(run("selected_100=1", fixed={"kind": ["case"]})) == [flagged_case.title]


def test_sort_by_title(backend):
    result = run("sort=title", fixed={"kind": ["case"]})
    got = titles(result)
    from search.normalize import normalize

    assert got == sorted(got, key=normalize)


def test_sort_newest_first(backend):
    newest = live_cases().order_by("-first_published_at", "pk").first()
    result = run("sort=newest", fixed={"kind": ["case"]})
    published = [parse_datetime(hit.document["published_at"]) for hit in result.hits]
    assert published == sorted(published, reverse=True)
    assert published[0] == newest.first_published_at


def test_relevance_puts_title_matches_first(backend):
    result = run("q=マンゴー")
    assert "マンゴー" in result.hits[0].title


def test_pagination_covers_every_result_once(backend):
    total = run().count
    seen = []
    for page in range(1, -(-total // 20) + 1):
        seen += [hit.url for hit in run(f"page={page}").hits]
    assert len(seen) == len(set(seen)) == total


@pytest.mark.parametrize(
    "query",
    [
        'q="a" AND b:(c',
        "q=title:*%5B%5D{}~^",
        "q=%00%01%1f",
        "q=" + "あ" * 5000,
        "q=<script>alert(1)</script>",
        "q=' OR 1=1 --",
        "field=no-such&block=%00&prefecture=" + "x" * 500,
        "year=abc&year=99999999999999999999",
        "sort=nonsense",
        "kind=case&kind=case&kind=case",
    ],
)
def test_hostile_input_gives_a_result_not_an_error(backend, query):
    result = run(query)
    # A result a person can read: a count that matches its hits.
    assert result.count == 0 or result.hits
    assert len(result.hits) == min(result.count, 20)


@pytest.mark.parametrize("query", ["page=abc", "page=0", "page=-3", "page=501"])
def test_bad_page_is_a_bad_request(backend, query):
    with pytest.raises(BadRequest):
        run(query)


def test_suggest_finds_titles_by_substring(backend):
    suggestions, used = service.suggest("マンゴー")
    assert used == backend
    assert any("マンゴー" in s["title"] for s in suggestions)
    assert service.suggest("")[0] == []


def test_seminars_and_awards_are_searchable(backend):
    kinds = {v.value: v.count for v in facet(run(), "kind").values()}
    assert kinds["seminar"] > 100 and kinds["award"] >= 1
    cancelled = run("q=大雪", fixed={"kind": ["seminar"]})
    assert cancelled.count >= 1


def test_award_tier_facet_on_cases(backend):
    result = run("award_tier=grand", fixed={"kind": ["case"]})
    assert titles(result) == [CaseStudyPage.objects.get(slug="asmama-kosodate-share").title]
    earlier = run("award_tier=minister", fixed={"kind": ["case"]})
    assert CaseStudyPage.objects.get(slug="shitateru-clothing-platform").title in titles(earlier)
    assert facet(run(fixed={"kind": ["case"]}), "award_tier")["minister"].label == "総務大臣賞"


def _member_cases(network):
    members = set(network.memberships.values_list("municipality_id", flat=True))
    return sorted(
        c.title
        for c in live_cases().prefetch_related("municipality_links")
        if members & {link.municipality_id for link in c.municipality_links.all()}
    )


def test_network_facet_finds_the_cases_of_its_member_municipalities(backend):
    from regions.models import NetworkPage

    network = NetworkPage.objects.live().get()
    expected = _member_cases(network)
    assert expected and len(expected) < live_cases().count()
    result = run(f"network={network.slug}", fixed={"kind": ["case"]})
    assert result.count == len(expected) and set(titles(result)) <= set(expected)
    value = facet(run(fixed={"kind": ["case"]}), "network")[network.slug]
    assert value.count == len(expected) and value.label == f"{network.title}の参加団体"


def test_publishing_a_network_reindexes_the_cases_it_no_longer_covers(backend):
    from regions.models import NetworkPage

    network = NetworkPage.objects.live().get()
    before = _member_cases(network)
    dropped = next(c for c in live_cases() if c.title == before[0])
    ids = [link.municipality_id for link in dropped.municipality_links.all()]
    network.memberships.filter(municipality_id__in=ids).delete()
    network.save_revision().publish()
    if backend == "elasticsearch":
        sync_engine()
    result = run(f"network={network.slug}", fixed={"kind": ["case"]})
    assert dropped.title not in titles(result)
    assert result.count == len(_member_cases(network)) < len(before)
