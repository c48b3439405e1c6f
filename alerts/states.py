"""A result state as a subscription keeps it: the search layer's own reading
of the query string, written back in one canonical order, so two URLs that
show the same results (another sort, another page, parameters reordered or
repeated) are one subscription.

Seminar lists filter by the same 分野・地域 slugs as search; their period
(year, month) and seminar kind are not search conditions and are reported as
ignored rather than silently widened."""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.http import urlencode

from events.listing import current_params
from search.query import parse
from search.registry import facets

FINDER = "finder"
SCOPE_LABELS = {"search": "サイト内検索", "cases": "事例", "supports": "支援策", "seminars": "セミナー"}
SCOPE_FIXED = {
    "search": {},
    "cases": {"kind": ["case"]},
    "supports": {"kind": ["program"]},
    "seminars": {"kind": ["seminar"]},
}
# Seminar list parameters that are not conditions of the search layer (the
# seminar's kind is: its seminar_kind facet).
SEMINAR_ONLY = {"year": "年", "month": "月"}
PRESENTATION = ("page", "sort")


@dataclass(frozen=True)
class State:
    scope: str
    query: str  # canonical query string
    search: object = None  # the SearchQuery, for search scopes
    ignored: tuple = ()


def _clean_params(scope, params):
    params = params.copy() if isinstance(params, QueryDict) else QueryDict(params)
    params._mutable = True
    ignored = []
    for name in PRESENTATION:
        params.pop(name, None)
    if scope == "seminars":
        params = current_params(params)
        for name, label in SEMINAR_ONLY.items():
            if any(v.strip() for v in params.getlist(name)):
                ignored.append(f"{label}（メールではセミナー全般の新着をお知らせします）")
            params.pop(name, None)
    return params, ignored


def search_state(scope, params):
    """The canonical state of a list or search URL's query string. Raises
    KeyError for an unknown scope."""
    fixed = SCOPE_FIXED[scope]
    params, ignored = _clean_params(scope, params)
    query, dropped = parse(params, fixed=fixed)
    pairs = [("q", query.text)] if query.text else []
    for spec in facets():
        pairs += [(spec.name, value) for value in sorted(query.filters.get(spec.name, ()))]
    return State(scope, urlencode(pairs), query, tuple(dropped + ignored))


def search_query(scope, canonical):
    """The SearchQuery a stored subscription runs."""
    return search_state(scope, QueryDict(canonical)).search


def describe(scope, query, labels):
    """A subscription's conditions in words, for the mail and the manage page."""
    parts = [f"「{query.text}」"] if query.text else []
    for spec in facets():
        values = query.filters.get(spec.name, ())
        if values:
            names = labels.get(spec.name, {})
            parts.append(f"{spec.label}：{'・'.join(names.get(v, v) for v in values)}")
    conditions = "、".join(parts) if parts else "すべて"
    return f"{SCOPE_LABELS[scope]}（{conditions}）"
