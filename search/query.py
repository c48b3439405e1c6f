"""A search request as plain data, parsed from a query string.

Anything a visitor can type is bounded here, before either backend sees it:
the text is normalised and clipped, facet values are limited in number and
length, and the page number is validated."""

from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import BadRequest

from core.listing import parse_page_number

from . import registry
from .matching import alternatives
from .normalize import clean_query, query_terms

SORTS = {"relevance": "関連度順", "newest": "新しい順", "title": "タイトル順"}
PER_PAGE = 20
MAX_PAGE = 500  # deep paging is what the facets are for; keeps ES within its window
MAX_VALUES = 20
MAX_VALUE_LENGTH = 100


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> tuple of values
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    fixed: dict = field(default_factory=dict)  # filters the page imposes (e.g. kind=case); not shown as chips
    synonyms: dict = field(default_factory=dict, compare=False, repr=False)  # see synonyms.lookup()
    facets: bool = True  # False: count and hits only (suggestions, checks), no facet counts

    @property
    def terms(self):
        return query_terms(self.text)

    @cached_property
    def matchers(self):
        """Per term with letters in it, its alternatives (matching.py); a term
        of symbols only cannot be found and is left out (parse reports it)."""
        return tuple(found for found in (alternatives(t, self.synonyms) for t in self.terms) if found)

    @property
    def unmatchable(self):
        """Text was typed but none of it can be searched (symbols only): that
        finds nothing, rather than everything as an empty query would."""
        return bool(self.terms) and not self.matchers

    def all_filters(self):
        merged = dict(self.filters)
        for name, values in self.fixed.items():
            merged[name] = tuple(values)
        return merged

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


def parse(params, fixed=None, sort_default="relevance"):
    """Returns (SearchQuery, ignored) where `ignored` lists what was dropped
    and why, so the page can say so instead of failing."""
    fixed = fixed or {}
    ignored = []
    filters = {}
    for spec in registry.facets():
        if spec.name in fixed:
            continue
        values = []
        for raw in params.getlist(spec.name):
            value = raw.strip()
            if not value:
                continue
            if len(value) > MAX_VALUE_LENGTH or not spec.accepts(value):
                ignored.append(f"{spec.label}「{value[:20]}」")
                continue
            if value not in values:
                values.append(value)
        if len(values) > MAX_VALUES:
            ignored.append(f"{spec.label}の{MAX_VALUES}件を超える指定")
            values = values[:MAX_VALUES]
        if values:
            filters[spec.name] = tuple(values)
    sort = params.get("sort", "") or sort_default
    if sort not in SORTS:
        ignored.append(f"並び順「{sort[:20]}」")
        sort = sort_default
    page = parse_page_number(params)
    if page > MAX_PAGE:
        raise BadRequest(f"表示できるのは{MAX_PAGE}ページ目までです。条件を絞り込んでください。")
    query = SearchQuery(
        text=clean_query(params.get("q", "")),
        filters=filters,
        sort=sort,
        page=page,
        fixed={k: tuple(v) for k, v in fixed.items()},
    )
    ignored += [f"文字を含まない語「{term[:20]}」" for term in query.terms if not alternatives(term)]
    return query, ignored
