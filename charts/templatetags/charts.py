"""The pictures' SVG and the tile map's table rows, written in Python: 47
squares and 47 rows through the template engine (or format_html, which
escapes each number too) cost more than the rest of the page. Every text
from outside goes through escape(); the numbers are the layout's own."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def _tile(tile, size, linked):
    region = tile.region
    stroke, width = ("#1a1a1a", 3) if region.selected else ("#595959", 1)
    dashes = ' stroke-dasharray="4 3"' if tile.dashed else ""
    font = 10 if len(tile.short) > 3 else 13
    body = (
        f'<rect class="tile-map__ring" x="{tile.x - 2}" y="{tile.y - 2}" width="{size + 4}" height="{size + 4}" rx="4" fill="none"></rect>'
        f'<rect class="tile-map__tile" x="{tile.x}" y="{tile.y}" width="{size}" height="{size}" rx="3" fill="{tile.fill}"'
        f' stroke="{stroke}" stroke-width="{width}"{dashes}></rect>'
        f'<text x="{tile.centre}" y="{tile.y + 19}" text-anchor="middle" font-size="{font}" fill="{tile.text}">{escape(tile.short)}</text>'
    )
    if tile.marker:
        body += f'<text x="{tile.centre}" y="{tile.y + 36}" text-anchor="middle" font-size="13" fill="{tile.text}">{escape(tile.marker)}</text>'
    if linked and region.href:
        return f'<a class="tile-map__link" href="{escape(region.href)}" aria-label="{escape(tile.label)}">{body}</a>'
    return f"<g>{body}</g>"


@register.simple_tag
def tile_map_svg(tile_map, id, title, description, linked):
    """Linked tiles make the SVG a group of links, each named by its label;
    unlinked ones an image named by its title and description."""
    id = escape(id)
    insets = "".join(
        f'<rect class="tile-map__inset" x="{x}" y="{y}" width="{size}" height="{size}" fill="none" stroke="#595959" stroke-dasharray="2 2"></rect>'
        for x, y, size in tile_map.inset
    )
    tiles = "".join(_tile(tile, tile_map.tile, linked) for tile in tile_map.tiles)
    return mark_safe(
        f'<svg class="tile-map__svg" viewBox="0 0 {tile_map.width} {tile_map.height}" role="{"group" if linked else "img"}"'
        f' aria-labelledby="{id}-title" aria-describedby="{id}-desc" focusable="false">'
        f'<title id="{id}-title">{escape(title)}</title><desc id="{id}-desc">{escape(description)}</desc>{insets}{tiles}</svg>'
    )


@register.simple_tag
def tile_map_rows(regions):
    """One table row per prefecture: its name (linked when it links) and its count."""
    rows = []
    for region in regions:
        name = escape(region.name)
        if region.href:
            name = f'<a href="{escape(region.href)}">{name}</a>'
        if region.selected:
            rows.append(f'<tr class="is-selected"><th scope="row">{name}（選択中）</th><td>{region.count}件</td></tr>')
        else:
            rows.append(f'<tr><th scope="row">{name}</th><td>{region.count}件</td></tr>')
    return mark_safe("".join(rows))


@register.simple_tag
def bar_chart_svg(chart, id, description):
    """Each bar's label right-aligned before it and its number just after it;
    named by the figure's caption (`{id}-title`)."""
    id = escape(id)
    rows = []
    for bar in chart.bars:
        rect = (
            f'<rect x="{chart.bar_x:.1f}" y="{bar.bar_y}" width="{bar.width:.1f}" height="{chart.bar_height}" fill="{chart.fill}"></rect>'
            if bar.width
            else ""
        )
        rows.append(
            f'<g><text x="{chart.label_width:.1f}" y="{bar.baseline:.1f}" text-anchor="end" font-size="{chart.font}" fill="#1a1a1a">'
            f"{escape(bar.datum.label)}</text>{rect}"
            f'<text x="{bar.value_x:.1f}" y="{bar.baseline:.1f}" font-size="{chart.font}" fill="#1a1a1a">{escape(bar.value_text)}</text></g>'
        )
    return mark_safe(
        f'<svg class="bar-chart__svg" viewBox="0 0 {chart.width} {chart.height}" role="img" aria-labelledby="{id}-title"'
        f' aria-describedby="{id}-desc" focusable="false"><desc id="{id}-desc">{escape(description)}</desc>{"".join(rows)}</svg>'
    )
