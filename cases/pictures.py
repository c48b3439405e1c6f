"""The tile maps of cases: how many cases each 都道府県 has, and where a
model case (横展開元) and the cases that adopted it are. The layout is
charts/'s; this says what the tiles mean and where they link."""

from charts.tilemap import Region, count_map, place_map
from taxonomy.models import Prefecture


def prefectures_in_block_order():
    """Every prefecture with its block: the table groups them by 地域ブロック."""
    return list(Prefecture.objects.select_related("block").order_by("block__sort_order", "block__pk", "code"))


def case_count_map(prefectures, counts, href, selected=()):
    """`counts` and `selected` are keyed by prefecture slug (the facet's
    values); `href(slug)` is the tile's link."""
    return count_map(
        Region(p.code, p.name, counts.get(p.slug, 0), href(p.slug), group=p.block.name, selected=p.slug in selected)
        for p in prefectures
    )


def count_map_description(tile_map):
    total = sum(tile.region.count for tile in tile_map.tiles)
    places = sum(1 for tile in tile_map.tiles if tile.region.count)
    return (
        f"47都道府県を日本地図の形に並べた図。色が濃いほど事例が多く、各マスに件数を記載。"
        f"事例のある都道府県は{places}、延べ{total}件（複数の都道府県にまたがる事例はそれぞれに数える）。"
    )


def _roles(model_case, adopters):
    model = {p.pk for p in model_case.prefectures()}
    adopting = {p.pk for adopter in adopters for p in adopter.prefectures()}
    roles = dict.fromkeys(model, "model")
    roles.update({pk: "both" if pk in model else "adopter" for pk in adopting})
    return roles


def model_case_map(model_case, adopters):
    """The model's own prefecture(s) and its adopters' on one tile map, with
    the same facts in words for the SVG's description."""
    roles = _roles(model_case, adopters)
    prefectures = list(Prefecture.objects.order_by("code"))
    tile_map = place_map(Region(p.code, p.name, role=roles.get(p.pk, "")) for p in prefectures)
    own = [p.name for p in prefectures if roles.get(p.pk) in ("model", "both")]
    adopting = [p.name for p in prefectures if roles.get(p.pk) in ("adopter", "both")]
    description = "47都道府県を日本地図の形に並べた図。"
    description += f"モデル事例の地域（★）：{'、'.join(own) or '記載なし'}。"
    description += f"横展開先の地域（●）：{'、'.join(adopting) or '記載なし'}。"
    return {"map": tile_map, "description": description, "model_unplaced": not own}
