"""The one document builder: any indexable item becomes a plain dict that
both backends consume, so they cannot drift apart.

Each indexable model provides `search_document()` with the domain keys
(kind, title, summary, body, url, fields, block, prefecture, municipalities,
tags, year and kind-specific keys); this module adds what search needs on top:
the key, the normalised text and the facet values."""

from django.apps import apps
from wagtail.models import DraftStateMixin, Page

from .facets import FACETS, facet_values
from .normalize import normalize

# Models whose published instances are searchable.
INDEXED_MODELS = [
    "cases.CaseStudyPage",
    "supports.SupportProgramPage",
    "events.Seminar",
    "awards.Award",
    "regions.RegionIndexPage",
    "regions.RegionBlockPage",
    "regions.NetworkPage",
    "regions.RoadmapPage",
    "regions.OpenDataGuidePage",
]

TEXT_KEYS = ("title", "summary", "body", "municipalities", "tags", "implementers", "ministry", "venue", "winners")


def indexed_models():
    return [apps.get_model(label) for label in INDEXED_MODELS if apps.is_installed(label.split(".")[0])]


def is_indexed(instance):
    return any(isinstance(instance, model) for model in indexed_models())


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
    `pks`), built in bulk: the
    model's `search_queryset()` prefetches what its documents read and its
    `search_context()` gives what they all share, so a rebuild costs a few
    queries per model rather than per item."""
    queryset = public_queryset(model)
    if pks is not None:
        queryset = queryset.filter(pk__in=pks)
    if hasattr(model, "search_queryset"):
        queryset = model.search_queryset(queryset)
    context = model.search_context() if hasattr(model, "search_context") else {}
    for item in queryset:
        yield build_document(item, **context)


def build_document(instance, **context):
    doc = dict(instance.search_document(**context))
    doc["key"] = document_key(instance)
    doc["search_text"] = normalize(" ".join(_flatten(doc.get(k)) for k in TEXT_KEYS))
    doc["title_sort"] = normalize(doc["title"])
    doc["facets"] = {spec.name: facet_values(doc, spec.name) for spec in FACETS if spec.name != "open"}
    return doc
