"""Turning a backend's raw result into what pages and the API show: labels,
highlighted snippets, and for every facet value the URL that toggles it.

Highlighting happens here, on the document text, for both backends alike."""

import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.querystring import query_toggling

from . import registry
from .places import place_chips

SNIPPET_LENGTH = 120


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_query: str = ""


@dataclass
class Facet:
    name: str
    label: str
    values: list
    total_without: int  # results if this facet's selection were dropped
    collapse_after: int = 0
    selected_labels: list = field(default_factory=list)

    @property
    def has_selection(self):
        return bool(self.selected_labels)

    @property
    def visible(self):
        """Top values plus every selected one; the rest sit behind 'show all'."""
        if not self.collapse_after or len(self.values) <= self.collapse_after:
            return self.values
        top = self.values[: self.collapse_after]
        return top + [v for v in self.values[self.collapse_after :] if v.selected]

    @property
    def hidden(self):
        shown = {v.value for v in self.visible}
        return [v for v in self.values if v.value not in shown]


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    summary: str
    highlight: str
    document: dict
    promoted: bool = False


@dataclass
class SearchResult:
    query: object
    hits: list
    count: int
    facets: list
    backend: str
    notice: str = ""
    ignored: list = field(default_factory=list)
    places: list = field(default_factory=list)  # (PlaceChip, query string that chooses it)
    suggestion: tuple = ()  # 「もしかして」: (corrected text, query string that searches it)

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.query.per_page))

    @property
    def selected_facets(self):
        return [f for f in self.facets if f.has_selection]

    # The names Django's Page has, so templates/includes/pagination.html
    # serves search results too.
    @property
    def number(self):
        return self.query.page

    @property
    def paginator(self):
        return self

    def has_previous(self):
        return self.query.page > 1

    def has_next(self):
        return self.query.page < self.num_pages

    def previous_page_number(self):
        return self.query.page - 1

    def next_page_number(self):
        return self.query.page + 1


def _normalized_with_map(text):
    """NFKC + casefold character by character, remembering where each
    normalised character came from so a match maps back to the original."""
    chars, origin = [], []
    for index, char in enumerate(text):
        for out in unicodedata.normalize("NFKC", char).casefold():
            chars.append(out)
            origin.append(index)
    return "".join(chars), origin


def highlight(text, terms, length=SNIPPET_LENGTH):
    """An escaped snippet of `text` around the first match, every match
    wrapped in <mark>; the opening of the text when nothing matches."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    normalized, origin = _normalized_with_map(text)
    spans = []
    for term in terms:
        start = normalized.find(term)
        while start != -1 and term:
            end = start + len(term)
            spans.append((origin[start], origin[end - 1] + 1))
            start = normalized.find(term, end)
    spans = _merge(sorted(spans))
    if spans:
        first = spans[0][0]
        window_start = max(0, first - length // 3)
    else:
        window_start = 0
    window_end = min(len(text), window_start + length)
    # A match the window's end would cut is shown whole (never 「Io」 of IoT).
    window_end = max([window_end] + [end for start, end in spans if start < window_end < end])
    out, cursor = [], window_start
    for start, end in spans:
        if end <= window_start or start >= window_end:
            continue
        start, end = max(start, window_start), min(end, window_end)
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:window_end]))
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)


def _merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _hit(document, terms, promoted=False):
    body_text = " ".join(filter(None, [document.get("summary", ""), document.get("body", "")]))
    matched_body = any(t in body_text.casefold() for t in terms) if terms else False
    return Hit(
        kind=document["kind"],
        kind_label=registry.kind_labels().get(document["kind"], document["kind"]),
        title=document["title"],
        url=document["url"],
        summary=document.get("summary", ""),
        highlight=highlight(body_text if matched_body or not terms else document.get("summary", ""), terms),
        document=document,
        promoted=promoted,
    )


def present(raw, query, params, labels, backend, notice="", ignored=(), promoted=()):
    hits = [_hit(doc, query.terms, promoted=True) for doc in promoted]
    promoted_urls = {doc["url"] for doc in promoted}
    hits += [_hit(doc, query.terms) for doc in raw.documents if doc["url"] not in promoted_urls]
    facets = []
    for spec in registry.facets():
        if spec.name in query.fixed:
            continue
        counts = raw.facet_counts.get(spec.name, {})
        chosen = set(query.filters.get(spec.name, ()))
        names = labels.get(spec.name, {})
        keys = list(counts) + [v for v in chosen if v not in counts]
        values = [
            FacetValue(
                value=v,
                label=names.get(v, v),
                count=counts.get(v, 0),
                selected=v in chosen,
                toggle_query=query_toggling(params, spec.name, v),
            )
            for v in keys
        ]
        values.sort(key=spec.sort_key(names))
        if not values:
            continue
        facets.append(
            Facet(
                name=spec.name,
                label=spec.label,
                values=values,
                total_without=raw.facet_totals.get(spec.name, 0),
                collapse_after=spec.collapse_after,
                selected_labels=[v.label for v in values if v.selected],
            )
        )
    places = [
        (chip, query_toggling(params, chip.facet, chip.value))
        for chip in place_chips(query.terms, labels, query.filters, query.fixed)
    ]
    return SearchResult(
        query=query,
        hits=hits,
        count=raw.count,
        facets=facets,
        backend=backend,
        notice=notice,
        ignored=list(ignored),
        places=places,
    )
