"""The tiles and rows of a tile map, written in Python: 47 squares and 47
table rows through the template engine cost more than the rest of the page."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

TILE = (
    '<rect class="tile-map__ring" x="{}" y="{}" width="{}" height="{}" rx="4" fill="none"></rect>'
    '<rect class="tile-map__tile" x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" stroke="{}" stroke-width="{}"{}></rect>'
    '<text x="{}" y="{}" text-anchor="middle" font-size="{}" fill="{}">{}</text>{}'
)
MARKER = '<text x="{}" y="{}" text-anchor="middle" font-size="13" fill="{}">{}</text>'


def _tile(tile, size, linked):
    selected = tile.region.selected
    marker = format_html(MARKER, tile.centre, tile.y + 36, tile.text, tile.marker) if tile.marker else ""
    body = format_html(
        TILE,
        tile.x - 2, tile.y - 2, size + 4, size + 4,
        tile.x, tile.y, size, size, tile.fill, "#1a1a1a" if selected else "#595959", 3 if selected else 1,
        format_html(' stroke-dasharray="4 3"') if tile.dashed else "",
        tile.centre, tile.y + 19, 10 if len(tile.short) > 3 else 13, tile.text, tile.short, marker,
    )
    if linked and tile.region.href:
        return format_html('<a class="tile-map__link" href="{}" aria-label="{}">{}</a>', tile.region.href, tile.label, body)
    return format_html("<g>{}</g>", body)


@register.simple_tag
def tile_map_svg(tile_map, id, title, description, linked):
    """Linked tiles make the SVG a group of links, each named by its label;
    unlinked ones an image named by its title and description."""
    insets = format_html_join(
        "",
        '<rect class="tile-map__inset" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#595959" stroke-dasharray="2 2"></rect>',
        ((x, y, size, size) for x, y, size in tile_map.inset),
    )
    tiles = format_html_join("", "{}", ((_tile(tile, tile_map.tile, linked),) for tile in tile_map.tiles))
    return format_html(
        '<svg class="tile-map__svg" viewBox="0 0 {} {}" role="{}" aria-labelledby="{}-title" aria-describedby="{}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}{}</svg>',
        tile_map.width, tile_map.height, "group" if linked else "img", id, id, id, title, id, description, insets, tiles,
    )


@register.simple_tag
def tile_map_rows(regions):
    """One table row per prefecture: its name (linked when it links) and its count."""
    return format_html_join(
        "",
        '<tr{}><th scope="row">{}{}</th><td>{}件</td></tr>',
        (
            (
                format_html(' class="is-selected"') if region.selected else "",
                format_html('<a href="{}">{}</a>', region.href, region.name) if region.href else region.name,
                "（選択中）" if region.selected else "",
                region.count,
            )
            for region in regions
        ),
    )
