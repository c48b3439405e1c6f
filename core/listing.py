"""Reading list parameters from a query string, and paging, shared by every
list page. Bad input never reaches the ORM: unknown values are dropped and
reported, malformed page numbers become a 400 and pages past the end a 404."""

from dataclasses import dataclass, field

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import Http404

from .querystring import query_without

MAX_VALUES_PER_PARAMETER = 50


@dataclass
class Selection:
    """The values of one GET parameter that name something real."""

    name: str
    values: list = field(default_factory=list)
    unknown: list = field(default_factory=list)


def select(params, name, known):
    """Split a multi-valued parameter into known and unknown values.

    `known` maps each accepted value to whatever the caller wants back (for
    example the model instance), so the caller gets objects, not strings."""
    chosen, unknown = [], []
    for raw in params.getlist(name)[:MAX_VALUES_PER_PARAMETER]:
        value = raw.strip()
        if not value:
            continue
        if value in known:
            if known[value] not in chosen:
                chosen.append(known[value])
        elif value not in unknown:
            unknown.append(value[:50])
    return Selection(name, chosen, unknown)


def parse_page_number(params):
    raw = params.get("page", "1").strip() or "1"
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        raise BadRequest("ページ番号は1以上の整数で指定してください。")
    number = int(raw)
    if number < 1:
        raise BadRequest("ページ番号は1以上の整数で指定してください。")
    return number


def paginate(items, params, per_page):
    number = parse_page_number(params)
    paginator = Paginator(items, per_page)
    if number > paginator.num_pages:
        raise Http404(f"{number}ページ目はありません（全{paginator.num_pages}ページ）。")
    return paginator.page(number)


def facet_selections(params, vocabularies):
    """Everything a filter form needs for several slug-keyed vocabularies:
    the options, what is selected, chips to remove each choice and the
    values that matched nothing (shown, not silently dropped)."""
    groups = {}
    for name, items in vocabularies.items():
        selection = select(params, name, {item.slug: item for item in items})
        groups[name] = {"options": items, "selection": selection, "selected_slugs": {v.slug for v in selection.values}}
    return {
        "groups": groups,
        "chips": [
            {"label": str(value), "remove_query": query_without(params, name, value=value.slug)}
            for name, group in groups.items()
            for value in group["selection"].values
        ],
        "unknown_values": [value for group in groups.values() for value in group["selection"].unknown],
    }
