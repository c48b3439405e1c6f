"""Search on Elasticsearch with the same rules as the database backend.

Every term must match (analysis.py says what matching is): a chunk of one
unit is a term query, a longer chunk a phrase over unit pairs. Scores are
constant, TITLE_WEIGHT per term found in the title, so the order is the
database backend's. Facets use the post_filter pattern: the hits are filtered
by every selection, while each facet's aggregation is filtered by the
selections of the other facets only.

Every page search asks the shard request cache explicitly (the engine caches
only size-0 requests by default): the query phase — count, facet counts and
the keys of the page's hits — is what costs, and it is the same for every
visitor asking the same thing until the next refresh that changes the index;
the cache drops an entry by itself then, so no answer is ever stale. Only the
fetch of the page's hits runs again. Searches prefer the asked node's own
copy of the shards (`_search`), so one server's requests keep finding the
same copy's cache. The count stays exact: with every facet
counted the engine visits every match anyway."""

from elasticsearch_dsl import A, MultiSearch, Q, Search

import clock

from .. import elastic, registry
from ..analysis import pairs
from ..facets import FLAG_VALUE
from ..matching import alternatives
from ..normalize import query_terms
from .base import RawResult, SearchBackend
from .database import TITLE_WEIGHT

SORTS = {
    "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, {"key": "asc"}],
    "title": [{"title_sort": "asc"}, {"key": "asc"}],
    "relevance": ["_score", {"published_at": {"order": "desc", "missing": "_last"}}, {"key": "asc"}],
}


def _search():
    """Searches run on the copy of the shards held by the node the client
    asked, whenever it holds one (with two nodes and a replica, each holds
    them all). A node that dies then costs only the searches it was
    answering itself, which the client retries on another node; otherwise
    the survivor may have sent a shard request to the dying node, whose
    sockets stay open and unanswered while its JVM is torn down, and the
    search waits out ELASTICSEARCH_TIMEOUT (README, "The rehearsal")."""
    return Search(using=elastic.client(), index=elastic.alias_name()).params(preference="_local")


# What the result list reads; the normalised copy of the whole text is
# matched on, never shown, and is most of a document's bytes.
SOURCE = {"includes": ["doc"], "excludes": ["doc.search_text"]}


def _facet_filter(name, values):
    window = registry.facet(name).window
    if window:
        if FLAG_VALUE not in values:
            return Q("match_none")
        today = clock.today().isoformat()
        start, end = window
        return Q("range", **{start: {"lte": today}}) & Q("range", **{end: {"gte": today}})
    return Q("terms", **{f"facet_{name}": list(values)})


def _all_of(filters):
    return Q("bool", filter=filters) if filters else Q("match_all")


def _chunk(field, units):
    if len(units) == 1:
        return Q("term", **{f"{field}_units": units[0]})
    return Q("match_phrase", **{f"{field}_pairs": " ".join(pairs(units))})


def term_query(field, term_alternatives):
    """`field` ("text" or "title") holds any of the term's alternatives."""
    return Q(
        "bool",
        should=[Q("bool", filter=[_chunk(field, units) for units in alternative]) for alternative in term_alternatives],
        minimum_should_match=1,
    )


class ElasticsearchBackend(SearchBackend):
    def _text_query(self, query, fixed):
        if query.unmatchable:
            return Q("match_none")
        if not query.matchers:
            return Q("bool", filter=fixed) if fixed else Q("match_all")
        found = [term_query("text", alternatives) for alternatives in query.matchers]
        scores = []
        if query.sort == "relevance":
            scores = [
                Q("constant_score", filter=term_query("title", alternatives), boost=TITLE_WEIGHT)
                for alternatives in query.matchers
            ]
        return Q("bool", filter=found + fixed, should=scores)

    def request(self, query):
        """The Search for `query`, not yet sent."""
        fixed = [_facet_filter(name, values) for name, values in query.fixed.items()]
        selected = {name: _facet_filter(name, values) for name, values in query.filters.items()}
        search = _search()
        search = search.query(self._text_query(query, fixed))
        if selected:
            search = search.post_filter(_all_of(list(selected.values())))
        # A facet is counted under every selection but its own. Facets with no
        # selection of their own share one filter: one pass over the hits for
        # all of them, plus one per selected facet.
        groups = {}
        for spec in registry.facets() if query.facets else ():
            others = tuple(name for name in selected if name != spec.name)
            groups.setdefault(others, []).append(spec)
        for number, (others, specs) in enumerate(groups.items()):
            group = A("filter", filter=_all_of([selected[name] for name in others]))
            for spec in specs:
                if spec.window:
                    group.bucket(spec.name, "filter", filter=_facet_filter(spec.name, [FLAG_VALUE]))
                else:
                    group.bucket(spec.name, "terms", field=f"facet_{spec.name}", size=spec.size)
            search.aggs.bucket(f"group{number}", group)
        sort = SORTS["newest"] if query.sort == "relevance" and not query.matchers else SORTS[query.sort]
        search = search.sort(*sort).source(**SOURCE).extra(track_total_hits=True)
        search = search[query.offset : query.offset + query.per_page]
        return search.params(request_cache=True)

    @staticmethod
    def result(response):
        facet_counts, facet_totals = {}, {}
        for group in response.aggregations.to_dict().values():
            for spec in registry.facets():
                if spec.name not in group:
                    continue
                facet_totals[spec.name] = group["doc_count"]
                agg = group[spec.name]
                if spec.window:
                    facet_counts[spec.name] = {FLAG_VALUE: agg["doc_count"]} if agg["doc_count"] else {}
                else:
                    facet_counts[spec.name] = {str(b["key"]): b["doc_count"] for b in agg["buckets"]}
        return RawResult(
            documents=[hit.to_dict()["doc"] for hit in response.hits],
            count=response.hits.total.value,
            facet_counts=facet_counts,
            facet_totals=facet_totals,
        )

    def search(self, query):
        return self.result(self.request(query).execute())

    def search_many(self, queries, timeout=60):
        """Many searches in one round trip (_msearch), with a time limit of
        their own: the page's short timeout is for one search."""
        batch = MultiSearch(using=elastic.client().options(request_timeout=timeout), index=elastic.alias_name())
        for query in queries:
            batch = batch.add(self.request(query))
        return [self.result(response) for response in batch.execute(raise_on_error=True)]

    def suggest(self, text, limit=8):
        terms = [found for found in (alternatives(t) for t in query_terms(text)) if found]
        if not terms:
            return []
        search = _search()
        search = search.query(Q("bool", filter=[term_query("title", t) for t in terms]))
        search = search.sort("title_sort", "key").source(["doc"])[:limit]
        return [
            {"title": d["title"], "url": d["url"], "kind": d["kind"]}
            for d in (hit.to_dict()["doc"] for hit in search.execute().hits)
        ]
