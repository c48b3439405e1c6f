"""The one document builder: any indexable item becomes a plain dict that
both backends consume, so they cannot drift apart.

Each registered search type (search.registry) builds the domain keys (kind,
title, summary, body, url, fields, block, prefecture, municipalities, tags,
year and kind-specific keys); this module adds what search needs on top: the
key, the normalised text and the facet values."""

from wagtail.models import DraftStateMixin, Page

from . import registry
from .normalize import normalize

# The keys every document's searchable text is made of; a type adds its own
# (SearchType.text_keys).
TEXT_KEYS = ("title", "summary", "body", "municipalities", "tags")


def indexed_models():
    return [search_type.model_class() for search_type in registry.search_types()]


def is_indexed(instance):
    return registry.type_of(instance) is not None


def document_key(instance):
    return f"{instance._meta.label_lower}:{instance.pk}"


def public_queryset(model):
    """What the public may see of a model; the same rule decides indexing."""
    if issubclass(model, Page):
        return model.objects.live().public()
    if issubclass(model, DraftStateMixin):
        return model.objects.filter(live=True)
    return model.objects.all()


def is_public(instance):
    return public_queryset(type(instance)).filter(pk=instance.pk).exists()


def _flatten(value):
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value or "")


def public_documents(model, pks=None):
    """The document of every public item of `model` (or of those among
    `pks`), built in bulk: the type's `prepare` prefetches what its documents
    read and its `context` gives what they all share, so a rebuild costs a
    few queries per model rather than per item."""
    search_type = registry.type_of_model(model)
    queryset = public_queryset(model)
    if pks is not None:
        queryset = queryset.filter(pk__in=pks)
    context = search_type.context()
    for item in search_type.prepare(queryset):
        yield build_document(item, search_type, **context)


def build_document(instance, search_type=None, **context):
    search_type = search_type or registry.type_of(instance)
    doc = dict(search_type.document(instance, **context))
    doc["key"] = document_key(instance)
    doc["search_text"] = normalize(" ".join(_flatten(doc.get(k)) for k in TEXT_KEYS + search_type.text_keys))
    doc["title_sort"] = normalize(doc["title"])
    doc["facets"] = {facet.name: facet.values(doc) for facet in registry.facets() if not facet.window}
    return doc


def window_dates(doc):
    """The dates of every date-window facet (募集中): stored as they are and
    compared with the day at query time."""
    return {key: doc.get(key) for facet in registry.facets() if facet.window for key in facet.window}


def dependents(instance):
    """Items whose documents quote `instance` (a case shows its award tiers)."""
    search_type = registry.type_of(instance)
    return search_type.dependents(instance) if search_type else []
