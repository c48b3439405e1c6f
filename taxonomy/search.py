"""The vocabulary facets every search document speaks: 分野, 地域ブロック and
都道府県, listed in the vocabularies' editorial order (北海道 → 沖縄)."""

from search.facets import Order, TermsFacet

from .models import Field, Prefecture, RegionBlock


def _slug_names(model):
    return lambda: dict(model.objects.values_list("slug", "name"))


FACETS = (
    TermsFacet("field", "分野", source="fields", order=Order.EDITORIAL, labels=_slug_names(Field), position=10),
    TermsFacet("block", "地域ブロック", order=Order.EDITORIAL, labels=_slug_names(RegionBlock), position=20),
    TermsFacet(
        "prefecture", "都道府県", order=Order.EDITORIAL, labels=_slug_names(Prefecture), collapse_after=10, position=30
    ),
)
