"""The SVG the template tags write: every text escaped, numbers in place."""

from django.template import Context, Template

from charts.bars import Datum, bar_chart
from charts.tilemap import Region, count_map, place_map

HOSTILE = '"><script>alert(1)</script>'


def render(source, **context):
    return Template("{% load charts %}" + source).render(Context(context))


def test_tile_map_escapes_names_links_title_and_description():
    tile_map = count_map(
        [Region("13", "東京都" + HOSTILE, 2, href="/cases/?q=" + HOSTILE, group="関東", selected=True)]
    )
    html = render("{% tile_map_svg map 'm' title description True %}", map=tile_map, title=HOSTILE, description=HOSTILE)
    html += render("{% tile_map_rows regions %}", regions=tile_map.groups[0][1])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'role="group"' in html and html.count('<a class="tile-map__link"') == 1
    assert 'stroke="#1a1a1a" stroke-width="3"' in html  # the chosen tile's heavier outline
    assert '<tr class="is-selected">' in html and "（選択中）</th><td>2件</td>" in html


def test_unlinked_tiles_make_an_image():
    html = render("{% tile_map_svg map 'p' 't' 'd' False %}", map=place_map([Region("47", "沖縄県", role="adopter")]))
    assert 'role="img"' in html and "<a " not in html and ">●</text>" in html
    assert 'class="tile-map__inset"' in html  # 沖縄's frame


def test_bar_chart_prints_each_number_after_its_bar():
    chart = bar_chart([Datum("防災" + HOSTILE, 3), Datum("教育", 0)])
    html = render("{% bar_chart_svg chart 'c' 'desc' %}", chart=chart)
    assert "<script>" not in html
    assert html.count("<rect") == 1  # no bar drawn for 0
    assert ">3件</text>" in html and ">0件</text>" in html
