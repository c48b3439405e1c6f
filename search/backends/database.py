"""Search on the database alone: works with no service at all.

Rows keep their text in analysis.encode() form, where the matching rule of
analysis.py is a plain substring test: a term's alternative matches when the
encoding of each of its chunks is contained in the row's text. That finds
港北区 inside 横浜市港北区 (Wagtail's full-text backends do not). Two queries
per search whatever the corpus: candidates with their facet values, then the
documents of the requested page.

Relevance is the same on both backends: TITLE_WEIGHT per term found in the
title, then newest first, then the key."""

from django.db.models import Q

import clock

from ..analysis import encode_chunk
from ..matching import alternatives, matches
from .. import registry
from ..models import SearchDocument
from ..normalize import query_terms

from .base import RawResult, SearchBackend

TITLE_WEIGHT = 10


def term_filter(column, alternatives):
    """Rows whose `column` holds any of the term's alternatives."""
    found = Q(pk__in=[])
    for alternative in alternatives:
        every_chunk = Q()
        for chunk in alternative:
            every_chunk &= Q(**{f"{column}__contains": encode_chunk(chunk)})
        found |= every_chunk
    return found


def published_ms(published_at):
    """Elasticsearch keeps milliseconds; so does the ordering here."""
    return int(published_at.timestamp() * 1000) if published_at else None


def _satisfies(values, wanted):
    return not wanted or any(v in wanted for v in values)


def row_matches(query, text, facets, today):
    """Whether one stored row (its encoded text and facet values) is a hit
    for `query`: the rule `search` applies, for callers that already hold the
    rows (e-mail alerts match many queries against a few new items). The
    query carries its synonyms (search.synonyms.live_lookup) as `search` does."""
    if query.unmatchable or not all(matches(alternatives, text) for alternatives in query.matchers):
        return False
    return all(
        _satisfies(registry.facet(name).stored_values(facets, today), set(wanted)) for name, wanted in query.all_filters().items()
    )


class DatabaseBackend(SearchBackend):
    def _candidates(self, query):
        rows = SearchDocument.objects.filter(is_deleted=False)
        if query.unmatchable:
            rows = rows.none()
        for alternatives in query.matchers:
            rows = rows.filter(term_filter("text", alternatives))
        # Streamed: holding every candidate's decoded facets at once keeps the
        # garbage collector rescanning them (531 → 168 ms p95 at 10k in bench/).
        columns = ("id", "facets", "key", "title", "title_text", "published_at")
        return rows.values_list(*columns).iterator(chunk_size=2000)

    def search(self, query):
        today = clock.today()
        fixed = {name: set(values) for name, values in query.fixed.items()}
        selected = {name: set(values) for name, values in query.filters.items()}
        specs = registry.facets()
        facet_counts = {spec.name: {} for spec in specs}
        facet_totals = {spec.name: 0 for spec in specs}
        found = []
        score = self._score(query)
        counted = specs if query.facets else ()
        for pk, facets, key, title, title_text, published_at in self._candidates(query):
            values = {spec.name: spec.stored_values(facets, today) for spec in specs}
            if not all(_satisfies(values[name], wanted) for name, wanted in fixed.items()):
                continue
            passing = {name: _satisfies(values[name], wanted) for name, wanted in selected.items()}
            failed = [name for name, ok in passing.items() if not ok]
            if not failed:
                found.append((pk, key, title, published_ms(published_at), score(title_text)))
            # A facet counts the documents that pass every *other* selection.
            for spec in counted:
                if not failed or failed == [spec.name]:
                    facet_totals[spec.name] += 1
                    counts = facet_counts[spec.name]
                    for value in values[spec.name]:
                        counts[value] = counts.get(value, 0) + 1
        found.sort(key=self._sort_key(query))
        page_ids = [item[0] for item in found[query.offset : query.offset + query.per_page]]
        documents = dict(SearchDocument.objects.filter(id__in=page_ids).values_list("id", "data"))
        return RawResult(
            documents=[documents[pk] for pk in page_ids if pk in documents],
            count=len(found),
            facet_counts=facet_counts,
            facet_totals=facet_totals,
        )

    @staticmethod
    def _score(query):
        if query.sort != "relevance" or not query.matchers:
            return lambda title_text: 0
        return lambda title_text: sum(TITLE_WEIGHT for alternatives in query.matchers if matches(alternatives, title_text))

    @staticmethod
    def _sort_key(query):
        # Items are (pk, key, title, published ms, score); missing dates last.
        def newest(item):
            return (item[3] is None, -(item[3] or 0))

        if query.sort == "title":
            return lambda item: (item[2], item[1])
        return lambda item: (-item[4], *newest(item), item[1])

    def suggest(self, text, limit=8):
        terms = [found for found in (alternatives(t) for t in query_terms(text)) if found]
        if not terms:
            return []
        rows = SearchDocument.objects.filter(is_deleted=False)
        for term in terms:
            rows = rows.filter(term_filter("title_text", term))
        rows = rows.order_by("title", "key")
        return [{"title": d["title"], "url": d["url"], "kind": d["kind"]} for d in rows.values_list("data", flat=True)[:limit]]
