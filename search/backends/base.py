from dataclasses import dataclass, field


@dataclass
class RawResult:
    """What a backend found, before labels, highlights and URLs are added.

    `documents` are the plain dicts the document builder made; `facet_counts`
    maps facet → value → count (counts under every *other* selection);
    `facet_totals` maps facet → documents matching every other selection,
    which tells a visitor how many results dropping that facet would give."""

    documents: list
    count: int
    facet_counts: dict = field(default_factory=dict)
    facet_totals: dict = field(default_factory=dict)


class SearchBackend:
    def search(self, query):  # pragma: no cover - interface
        raise NotImplementedError

    def search_many(self, queries):
        return [self.search(query) for query in queries]

    def suggest(self, text, limit=8):  # pragma: no cover - interface
        raise NotImplementedError
