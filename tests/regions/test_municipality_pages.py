"""A page for every local government: every code resolves, what a page
shows (kind on the reference day and its moves, both codes, cases near it,
programs its kind may apply for, seminars near it), its two feeds, and the
pages' query counts with more bodies, cases and seminars."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import quote, unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from events.models import Seminar
from regions import views
from regions.models import RegionBlockPage, RegionIndexPage
from supports.models import SupportIndexPage, SupportProgramPage
from taxonomy.codes import check_digit
from taxonomy.models import Municipality, MunicipalityKind, Prefecture
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _page_of(municipality):
    return RegionBlockPage.objects.get(block=municipality.prefecture.block)


def _url(municipality, route="municipality"):
    return _page_of(municipality).municipality_url(municipality, route=route)


def _get(prefecture_code, name):
    return Municipality.objects.select_related("prefecture__block").get(prefecture__code=prefecture_code, name=name)


def test_every_stored_code_redirects_to_its_page(rf):
    """Through the view itself (the client's middleware would make 1,788
    requests slow); one page per kind is fetched whole below."""
    index = RegionIndexPage.objects.live().get()
    block_pages = {p.block_id: p for p in RegionBlockPage.objects.live()}
    bodies = list(Municipality.objects.exclude(lg_code="").select_related("prefecture"))
    assert len(bodies) > 1700  # the whole directory, not the bodies the documents name
    request = rf.get("/")
    for body in bodies:
        page = block_pages[body.prefecture.block_id]
        response = views.code_redirect(index, request, body.code5)
        assert response.status_code == 302, body
        route = page.resolve_subpage(unquote(response["Location"])[len(page.url) - 1 :])
        if body.kind == MunicipalityKind.PREFECTURE:
            assert route[0].__name__ == "prefecture_view" and route[2] == {"prefecture": body.prefecture.slug}
        else:
            assert route[0].__name__ == "municipality_view", body
            assert route[2] == {"prefecture": body.prefecture.slug, "name": body.name}


def test_a_page_of_every_kind_answers_200(client):
    for kind in MunicipalityKind.values:
        body = Municipality.objects.filter(kind=kind).exclude(lg_code="").order_by("lg_code").first()
        response = client.get(f"/regions/code/{body.lg_code}/", follow=True)
        assert response.status_code == 200, kind
        assert f"<h1>{body.prefecture.name if kind == 'prefecture' else body.name}</h1>" in response.content.decode()


@pytest.mark.parametrize("code5", ["01695", "01700"])
@pytest.mark.parametrize("six", [False, True])
def test_northern_territory_codes_are_a_404_that_says_why(client, code5, six):
    response = client.get(f"/regions/code/{code5 + check_digit(code5) if six else code5}/")
    assert response.status_code == 404
    assert "北方領土" in response.content.decode()
    assert "これらの村は含めていないため、ページはありません" in response.content.decode()


@pytest.mark.parametrize(
    "code, message",
    [
        ("012051", "検査数字"),
        ("12", "5桁"),
        ("abcde", "5桁"),
        ("99999", "このサイトに登録されていません"),
    ],
)
def test_bad_codes_are_a_404_with_a_message(client, code, message):
    response = client.get(f"/regions/code/{code}/")
    assert response.status_code == 404
    assert message in response.content.decode()


def test_unknown_name_is_a_404_with_a_message(client):
    response = client.get(f"/regions/hokkaido/hokkaido/{quote('存在しない町')}/")
    assert response.status_code == 404
    assert "「存在しない町」という名前の市区町村は登録されていません" in response.content.decode()


def test_page_shows_kind_on_the_reference_day_its_moves_and_both_codes(client):
    fukui = _get("18", "福井市")
    body = client.get(_url(fukui)).content.decode()
    assert "施行時特例市（2018年4月1日時点）" in body
    assert "2019年4月1日</time> 施行時特例市から中核市に移行" in body
    assert f"{fukui.lg_code}（検査数字を含む6桁）、{fukui.lg_code[:5]}（5桁）" in body
    assert "福井県" in body and "北陸ブロック" in body


def _synthetic_program(title, fiscal_year, kinds):
    program = SupportProgramPage(
        title=title,
        slug=f"synthetic-{fiscal_year}-{kinds[0]}",
        support_kind="subsidy",
        fiscal_year=fiscal_year,
        rules=[{"type": "rule", "value": {"label": "合成の区分", "applicant_kinds": kinds}}],
    )
    SupportIndexPage.objects.get().add_child(instance=program)
    program.save_revision().publish()
    return program


def test_programs_are_judged_with_the_kind_of_their_fiscal_year_and_link_to_the_finder(client):
    _synthetic_program("合成支援策（2019年度・中核市）", 2019, ["core_city"])
    _synthetic_program("合成支援策（2018年度・中核市）", 2018, ["core_city"])
    fukui = _get("18", "福井市")
    body = client.get(_url(fukui)).content.decode()
    assert "合成支援策（2019年度・中核市）" in body
    assert "2019年4月1日時点の中核市として判定" in body
    assert "合成支援策（2018年度・中核市）" not in body  # 福井市 was 施行時特例市 on 2018-04-01
    assert f'href="/supports/finder/?municipality={fukui.lg_code}"' in body
    town_body = client.get(
        _url(Municipality.objects.filter(kind="town").select_related("prefecture__block").first())
    ).content.decode()
    assert "合成支援策（2019年度・中核市）" not in town_body
    assert "時点の町として判定" in town_body


def _empty_prefecture_with_a_neighbour():
    """A prefecture with no live case, and another prefecture of its block."""
    for prefecture in Prefecture.objects.select_related("block").order_by("code"):
        if not Municipality.objects.filter(prefecture=prefecture, case_links__page__live=True).exists():
            neighbour = Prefecture.objects.filter(block=prefecture.block).exclude(pk=prefecture.pk).first()
            if neighbour:
                return prefecture, neighbour
    pytest.fail("no prefecture without cases")


def _bodies(prefecture, n):
    return list(
        Municipality.objects.filter(prefecture=prefecture)
        .exclude(kind="prefecture")
        .select_related("prefecture__block")[:n]
    )


def test_nearby_cases_same_prefecture_first_then_block_newest_first_never_its_own(client):
    prefecture, neighbour = _empty_prefecture_with_a_neighbour()
    here, other_here = _bodies(prefecture, 2)
    own = CaseFactory(title="合成事例：この団体", municipalities=[here])
    in_prefecture = CaseFactory(title="合成事例：同じ県", municipalities=[other_here])
    in_block = CaseFactory(title="合成事例：同じブロック", municipalities=_bodies(neighbour, 1))
    elsewhere_prefecture = Prefecture.objects.exclude(block=prefecture.block).first()
    elsewhere = CaseFactory(title="合成事例：ほかのブロック", municipalities=_bodies(elsewhere_prefecture, 1))
    response = client.get(_url(here))
    nearby = [case.title for case in response.context["nearby_cases"]]
    assert nearby[0] == in_prefecture.title  # older than the block's, but in the same prefecture
    assert in_block.title in nearby
    assert own.title not in nearby and elsewhere.title not in nearby
    assert [case.title for case in response.context["cases"]] == [own.title]
    body = response.content.decode()
    assert body.index(in_prefecture.title) < body.index(in_block.title)


def _seminar(title, prefecture, day, **values):
    return Seminar.objects.create(
        title=title,
        slug=f"synthetic-{abs(hash(title)) % 10**8}",
        start_date=day,
        prefecture=prefecture,
        block=prefecture.block,
        live=True,
        **values,
    )


def test_feeds_list_exactly_the_pages_cases_and_seminars(client):
    prefecture, neighbour = _empty_prefecture_with_a_neighbour()
    here = _bodies(prefecture, 1)[0]
    CaseFactory(title="合成事例：この団体（フィード）", municipalities=[here])
    CaseFactory(title="合成事例：同じブロック（フィード）", municipalities=_bodies(neighbour, 1))
    _seminar("合成セミナー：同じ県", prefecture, datetime.date(2026, 5, 1))
    _seminar("合成セミナー：同じブロック", neighbour, datetime.date(2026, 6, 1))
    page = client.get(_url(here))
    body = page.content.decode()
    atom_url, ical_url = _url(here, "municipality_atom"), _url(here, "municipality_ical")
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="{here.name}と近くの事例・セミナー（Atom）" href="{atom_url}">'
        in body
    )
    assert 'type="text/calendar"' in body and f'href="{ical_url}"' in body

    response = client.get(atom_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = {entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")}
    context = page.context
    expected = {c.title for c in [*context["cases"], *context["nearby_cases"]]} | {s.title for s in context["seminars"]}
    assert entries == expected
    assert {
        "合成事例：この団体（フィード）",
        "合成事例：同じブロック（フィード）",
        "合成セミナー：同じ県",
        "合成セミナー：同じブロック",
    } <= entries

    response = client.get(ical_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert uids == {str(s.uid) for s in context["seminars"]}
    assert "合成セミナー：同じ県" in {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


def test_a_prefecture_has_no_municipality_feed(client):
    response = client.get(f"/regions/hokkaido/hokkaido/{quote('北海道')}/feed/")
    assert response.status_code == 404


def test_region_index_counts_bodies_per_kind(client):
    body = client.get("/regions/").content.decode()
    footer = body[body.index("<tfoot>") : body.index("</tfoot>")]
    for kind in ("designated_city", "core_city", "town", "village", "special_ward", "prefecture"):
        assert f"<td>{Municipality.objects.filter(kind=kind).count()}</td>" in footer, kind


def _queries(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def _more(prefecture, neighbour, here, n, start):
    extra = [
        Municipality.objects.create(name=f"合成{start + i}村", prefecture=prefecture, kind="village") for i in range(n)
    ]
    for i, body in enumerate(extra):
        CaseFactory(municipalities=[body])
        CaseFactory(municipalities=[here, body])
        _seminar(f"合成セミナー{start + i}", prefecture if i % 2 else neighbour, datetime.date(2026, 4, 1 + i))


@pytest.mark.parametrize(
    "route",
    ["municipality", "municipality_atom", "municipality_ical", "prefecture", "block", "index", "sitemap"],
)
def test_queries_do_not_depend_on_the_number_of_bodies_cases_and_seminars(client, route):
    prefecture, neighbour = _empty_prefecture_with_a_neighbour()
    here = _bodies(prefecture, 1)[0]
    page = _page_of(here)
    url = {
        "prefecture": page.prefecture_url(prefecture),
        "block": page.url,
        "index": "/regions/",
        "sitemap": "/sitemap.xml",
    }.get(route) or _url(here, route)
    _more(prefecture, neighbour, here, 1, 0)
    few = _queries(client, url)
    _more(prefecture, neighbour, here, 4, 1)
    many = _queries(client, url)
    assert len(many) == len(few), "\n".join(many)
