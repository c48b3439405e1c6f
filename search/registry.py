"""What is searchable, as content apps declare it.

Each content app's search.py describes its search types (kind, label, model,
document builder) and the facets whose data it owns, and registers them from
its AppConfig.ready(). search/ knows no content type by name: it iterates
over what is registered here. A new content type is one app with a search.py
plus its line in INSTALLED_APPS."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps

from .facets import Order, TermsFacet, YearFacet


def _no_context():
    return {}


def _unchanged(queryset):
    return queryset


def _nothing(instance):
    return []


@dataclass(frozen=True)
class SearchType:
    """One model's search documents. Several models may share a kind (the
    地域 pages); the kind's label is the first registered.

    `document(instance, **context)` returns the domain keys (kind, title,
    summary, body, url, fields, block, prefecture, municipalities, tags, year
    and the keys of the type's own facets); `prepare(queryset)` prefetches
    what documents read and `context()` gives what a batch of them shares, so
    a rebuild costs a few queries per type rather than per item.
    `dependents(instance)` are the items whose documents quote this one;
    `text_keys` are the type's own keys searched as text, after the shared
    ones (search.documents.TEXT_KEYS)."""

    kind: str
    label: str
    model: str  # "app_label.ModelName"
    document: Callable
    prepare: Callable = _unchanged
    context: Callable = _no_context
    dependents: Callable = _nothing
    text_keys: tuple = ()

    def model_class(self):
        return apps.get_model(self.model)


_types = {}
_facets = {}


def register(*items):
    """Register search types and facets; registering the same name again
    replaces it (apps may be reloaded in tests)."""
    for item in items:
        if isinstance(item, SearchType):
            _types[item.model] = item
        elif isinstance(item, TermsFacet):
            _facets[item.name] = item
        else:
            raise TypeError(f"not a search type or facet: {item!r}")


def search_types():
    return list(_types.values())


def kind_labels():
    """{kind: label} in registration (INSTALLED_APPS) order, which is also
    the order of the 種類 facet."""
    labels = {}
    for search_type in _types.values():
        labels.setdefault(search_type.kind, search_type.label)
    return labels


def facets():
    """Every facet in display order: by position, then as registered."""
    ordered = sorted(enumerate(_facets.values()), key=lambda pair: (pair[1].position, pair[0]))
    return tuple(facet for _, facet in ordered)


def facet(name):
    return _facets[name]


def facet_names():
    return [f.name for f in facets()]


def value_labels():
    """Labels for every facet value, in a constant number of queries; each
    dict keeps its vocabulary's order, which editorial facets are shown in."""
    return {f.name: f.value_labels() for f in facets()}


def type_of_model(model):
    return _types[model._meta.label]


def type_of(instance):
    """The search type `instance` is a document of, or None."""
    for search_type in _types.values():
        if isinstance(instance, search_type.model_class()):
            return search_type
    return None


# Facets every document has, whatever its type.
register(
    TermsFacet("kind", "種類", order=Order.EDITORIAL, labels=kind_labels, position=0),
    TermsFacet("tag", "タグ", source="tags", collapse_after=10, position=40),
    YearFacet("year", "年度", collapse_after=10, position=50),
)
