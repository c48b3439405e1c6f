"""Search on Elasticsearch with the same rules as the database backend.

Each query term is a phrase over bigrams, i.e. a substring match, and every
term must match. Facets use the post_filter pattern: the hits are filtered by
every selection, while each facet's aggregation is filtered by the selections
of the other facets only."""

from django.utils import timezone
from elasticsearch_dsl import A, Q, Search

from .. import elastic
from ..facets import FACETS, FLAG_VALUE
from .base import RawResult, SearchBackend

SORTS = {
    "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, {"key": "asc"}],
    "title": [{"title_sort": "asc"}, {"key": "asc"}],
    "relevance": ["_score", {"published_at": {"order": "desc", "missing": "_last"}}, {"key": "asc"}],
}


def _facet_filter(name, values):
    if name == "open":
        if FLAG_VALUE not in values:
            return Q("match_none")
        today = timezone.localdate().isoformat()
        return Q("range", application_open={"lte": today}) & Q("range", application_close={"gte": today})
    return Q("terms", **{f"facet_{name}": list(values)})


def _all_of(filters):
    return Q("bool", filter=filters) if filters else Q("match_all")


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def _text_query(self, query):
        if not query.terms:
            return Q("match_all")
        must = [Q("match_phrase", search_text={"query": term}) for term in query.terms]
        should = []
        for term in query.terms:
            should.append(Q("match_phrase", title={"query": term, "boost": 5}))
            should.append(Q("match_phrase", summary={"query": term, "boost": 2}))
        return Q("bool", must=must, should=should)

    def search(self, query):
        fixed = [_facet_filter(name, values) for name, values in query.fixed.items()]
        selected = {name: _facet_filter(name, values) for name, values in query.filters.items()}
        search = Search(using=elastic.client(), index=elastic.alias_name())
        search = search.query(Q("bool", must=[self._text_query(query)], filter=fixed))
        if selected:
            search = search.post_filter(_all_of(list(selected.values())))
        for spec in FACETS:
            others = [f for name, f in selected.items() if name != spec.name]
            bucket = A("filter", filter=_all_of(others))
            if spec.name == "open":
                bucket.bucket("values", "filter", filter=_facet_filter("open", [FLAG_VALUE]))
            else:
                bucket.bucket("values", "terms", field=f"facet_{spec.name}", size=spec.size)
            search.aggs.bucket(spec.name, bucket)
        sort = SORTS["newest"] if query.sort == "relevance" and not query.terms else SORTS[query.sort]
        search = search.sort(*sort).source(["doc"]).extra(track_total_hits=True)
        search = search[query.offset : query.offset + query.per_page]
        response = search.execute()

        facet_counts, facet_totals = {}, {}
        for spec in FACETS:
            agg = response.aggregations[spec.name]
            facet_totals[spec.name] = agg.doc_count
            if spec.name == "open":
                count = agg["values"].doc_count
                facet_counts[spec.name] = {FLAG_VALUE: count} if count else {}
            else:
                facet_counts[spec.name] = {str(b.key): b.doc_count for b in agg["values"].buckets}
        return RawResult(
            documents=[hit.to_dict()["doc"] for hit in response.hits],
            count=response.hits.total.value,
            facet_counts=facet_counts,
            facet_totals=facet_totals,
        )

    def suggest(self, text, limit=8):
        if not text:
            return []
        search = Search(using=elastic.client(), index=elastic.alias_name())
        search = search.query(Q("match_phrase", title={"query": text})).sort("title_sort").source(["doc"])[:limit]
        return [
            {"title": d["title"], "url": d["url"], "kind": d["kind"]}
            for d in (hit.to_dict()["doc"] for hit in search.execute().hits)
        ]
