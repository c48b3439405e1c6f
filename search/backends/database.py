"""Search on the database alone: works with no service at all.

Rows keep their text in analysis.encode() form, where the matching rule of
analysis.py is a plain substring test: a term's alternative matches when the
encoding of each of its chunks is contained in the row's text. That finds
港北区 inside 横浜市港北区 (Wagtail's full-text backends do not). The rule is
answered from an index of unit pairs (textindex.py), and facets are filtered
and counted on bitsets held in the process (facetindex.py), so a search
costs the same few queries and no loop over its candidates at 100,000
documents: the content version with the ids each term matches, then the
documents of the requested page (and the facet index's rows, once per
content version).

Relevance is the same on both backends: TITLE_WEIGHT per term found in the
title, then newest first, then the key."""

from django.db import connection
from django.db.models.expressions import RawSQL

import clock

from .. import facetindex, registry, textindex
from ..analysis import encode_chunk
from ..matching import alternatives, matches
from ..models import SearchDocument
from ..normalize import query_terms
from .base import RawResult, SearchBackend

TITLE_WEIGHT = 10


def encoded_alternatives(term_alternatives):
    return [[encode_chunk(chunk) for chunk in alternative] for alternative in term_alternatives]


def term_filter(column, term_alternatives):
    """Rows whose `column` ("text" or "title_text") holds any of the term's
    alternatives, as a queryset filter."""
    sql, params = textindex.term_ids(column, encoded_alternatives(term_alternatives))
    return {"id__in": RawSQL(sql, params)}


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
        _satisfies(registry.facet(name).stored_values(facets, today), set(wanted))
        for name, wanted in query.all_filters().items()
    )


class DatabaseBackend(SearchBackend):
    def search(self, query):
        today = clock.today()
        ranked = query.sort == "relevance" and bool(query.matchers)
        index, hits = self._index_and_hits(query, ranked)
        candidates = 0 if query.unmatchable else index.live
        for term in range(len(query.matchers)):
            candidates &= hits["text", term]
        for name, wanted in query.fixed.items():
            candidates &= index.selection(name, wanted, today)
        selected = {name: index.selection(name, wanted, today) for name, wanted in query.filters.items()}
        found = facetindex.every(selected.values(), candidates)
        if query.facets:
            facet_counts, facet_totals = index.facet_counts(candidates, selected, today)
        else:
            facet_counts, facet_totals = (
                {spec.name: {} for spec in registry.facets()},
                {spec.name: 0 for spec in registry.facets()},
            )
        if ranked:
            groups = facetindex.score_groups(found, [hits["title_text", term] for term in range(len(query.matchers))])
        else:
            groups = [found]
        order = "title" if query.sort == "title" else "newest"
        page_ids = index.page(groups, order, query.offset, query.per_page)
        documents = dict(SearchDocument.objects.filter(id__in=page_ids).values_list("id", "data")) if page_ids else {}
        return RawResult(
            documents=[documents[pk] for pk in page_ids if pk in documents],
            count=found.bit_count(),
            facet_counts=facet_counts,
            facet_totals=facet_totals,
        )

    def _index_and_hits(self, query, ranked):
        """The facet index of the current content version and, per term,
        the bitset of the rows whose text (and, for relevance, whose title)
        holds it. One query: the version, with the ids of the terms the
        index does not remember; after a content change, the rows for the
        new index and the ids of the terms it has not seen yet."""
        slots = {
            (column, term): (column, tuple(map(tuple, encoded_alternatives(term_alternatives))))
            for term, term_alternatives in enumerate(query.matchers)
            for column in (("text", "title_text") if ranked else ("text",))
        }
        index = facetindex.current()
        known = index.terms if index is not None else {}
        version, ids = self._version_and_ids([key for key in dict.fromkeys(slots.values()) if key not in known])
        if index is None or index.version != version:
            index = facetindex.for_version(version, self._index_rows)
            unseen = [key for key in dict.fromkeys(slots.values()) if key not in ids and key not in index.terms]
            if unseen:
                ids |= self._version_and_ids(unseen)[1]
        for key, key_ids in ids.items():
            index.remember(key, index.bitset(key_ids))
        return index, {slot: index.terms[key] for slot, key in slots.items()}

    @staticmethod
    def _version_and_ids(keys):
        """The content version and, per (column, encoded alternatives), the
        ids of the rows holding it, in one query."""
        parts, params = [f"SELECT -1 AS slot, token AS id FROM ({textindex.version_sql()}) content_version"], []
        for number, (column, term_alternatives) in enumerate(keys):
            sql, term_params = textindex.term_ids(column, term_alternatives)
            parts.append(f"SELECT {number} AS slot, id FROM ({sql}) term{number}")
            params += term_params
        ids = {key: [] for key in keys}
        version = None
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for number, pk in cursor.fetchall():
                if number < 0:
                    version = pk
                else:
                    ids[keys[number]].append(pk)
        return version, ids

    @staticmethod
    def _index_rows():
        rows = SearchDocument.objects.filter(is_deleted=False)
        return rows.values_list("id", "facets", "key", "title", "published_at").iterator(chunk_size=2000)

    def suggest(self, text, limit=8):
        terms = [found for found in (alternatives(t) for t in query_terms(text)) if found]
        if not terms:
            return []
        rows = SearchDocument.objects.filter(is_deleted=False)
        for term in terms:
            rows = rows.filter(**term_filter("title_text", term))
        rows = rows.order_by("title", "key")
        return [
            {"title": d["title"], "url": d["url"], "kind": d["kind"]}
            for d in rows.values_list("data", flat=True)[:limit]
        ]
