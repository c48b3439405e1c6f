"""The home page's tile map and bar charts: the numbers they draw are the
numbers of live cases, in the SVG and again in text."""

import re

import pytest

from cases.models import CaseStudyPage
from taxonomy.models import Field, Municipality, Prefecture, RegionBlock
from tests.charts.html import soup, table_rows, tiles
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def prefecture_counts(response):
    """{prefecture name: count} read from the tiles' accessible names."""
    found = {}
    for label in tiles(response, "home-map"):
        count, name = re.fullmatch(r"\S+ (\d+)件（(\S+?)の事例）", label).groups()
        found[name] = int(count)
    return found


def test_one_linked_tile_per_prefecture_with_the_count_of_live_cases(client):
    response = client.get("/")
    counts = prefecture_counts(response)
    assert set(counts) == set(Prefecture.objects.values_list("name", flat=True))
    for prefecture in Prefecture.objects.all():
        live = CaseStudyPage.objects.live().filter(municipality_links__municipality__prefecture=prefecture).distinct()
        assert counts[prefecture.name] == live.count(), prefecture.name
    hrefs = tiles(response, "home-map")
    nara = Prefecture.objects.get(name="奈良県")
    assert hrefs[f"奈良 {counts['奈良県']}件（奈良県の事例）"] == f"/cases/?prefecture={nara.slug}"


def test_a_new_case_counts_once_in_its_prefecture_and_a_draft_not_at_all(client):
    prefecture = Prefecture.objects.get(name="鳥取県")
    before = prefecture_counts(client.get("/"))["鳥取県"]
    two_towns = list(Municipality.objects.filter(prefecture=prefecture)[:2])
    CaseFactory(municipalities=two_towns)
    CaseFactory(municipalities=two_towns[:1], publish=False)
    assert prefecture_counts(client.get("/"))["鳥取県"] == before + 1


def test_the_table_carries_the_same_numbers_as_the_map(client):
    response = client.get("/")
    table = {
        name: int(count.removesuffix("件")) for name, count in table_rows(soup(response).select_one(".tile-map__data"))
    }
    assert table == prefecture_counts(response)
    captions = [c.get_text() for c in soup(response).select(".tile-map__table caption")]
    assert captions[:2] == ["北海道", "東北"] and len(captions) == RegionBlock.objects.count()


def test_the_legend_states_the_scale_up_to_the_largest_count(client):
    response = client.get("/")
    largest = max(prefecture_counts(response).values())
    legend = [li.get_text(strip=True) for li in soup(response).select(".tile-map__legend li")]
    assert legend[0] == "0件" and legend[-1].endswith(f"{largest}件")


def bars(response, chart_id):
    svg = soup(response).find("svg", attrs={"aria-labelledby": f"{chart_id}-title"})
    texts = [t.get_text() for t in svg.find_all("text")]
    return dict(zip(texts[0::2], texts[1::2], strict=False))  # label, then its number, per bar


def test_field_chart_prints_each_fields_live_cases(client):
    health = Field.objects.get(slug="health")
    before = bars(client.get("/"), "field-chart")
    CaseFactory(fields=[health])
    after = bars(client.get("/"), "field-chart")
    assert after["医療・介護・健康"] == f"{int(before['医療・介護・健康'].removesuffix('件')) + 1}件"
    assert set(after) == set(Field.objects.values_list("name", flat=True))
    for field in Field.objects.all():
        assert after[field.name] == f"{CaseStudyPage.objects.live().filter(fields=field).count()}件"


def test_year_chart_fills_gaps_and_says_how_many_have_no_year(client):
    CaseFactory(year_started=2015)
    CaseFactory()
    response = client.get("/")
    years = bars(response, "year-chart")
    live = CaseStudyPage.objects.live()
    assert years["2015年度"] == "1件" and years["2016年度"] == f"{live.filter(year_started=2016).count()}件"
    without = live.filter(year_started__isnull=True).count()
    assert f"開始年度の記載がない事例が{without}件あります" in response.content.decode()
    table = dict(table_rows(soup(response).find("figcaption", id="year-chart-title").parent))
    assert table == years


def test_svgs_have_names_and_descriptions(client):
    page = soup(client.get("/"))
    for svg in page.select("svg.tile-map__svg, svg.bar-chart__svg"):
        title_id, desc_id = svg["aria-labelledby"], svg["aria-describedby"]
        assert page.find(id=title_id).get_text(strip=True) and page.find(id=desc_id).get_text(strip=True)
    assert page.select_one("svg.tile-map__svg")["role"] == "group"  # its tiles are links
    assert {svg["role"] for svg in page.select("svg.bar-chart__svg")} == {"img"}
