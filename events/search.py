"""Seminars in the site search. A seminar's URL is a route of the calendar
page, looked up once for a whole batch of documents."""

from search.facets import Order, TermsFacet
from search.registry import SearchType

from .models import Seminar, SeminarKind


def prepare(queryset):
    return queryset.select_related("block", "prefecture").prefetch_related("fields", "tags")


def seminar_document(seminar, routing_url=None):
    """`year` is the 年度 (April–March), like every other document's."""
    url = seminar.path_under(routing_url) if routing_url is not None else seminar.get_url()
    place = seminar.place_label()
    return {
        "kind": "seminar",
        "title": seminar.title,
        "summary": "　".join(
            filter(None, [seminar.schedule_label(), place, seminar.progress_label(), seminar.status_reason])
        ),
        "body": seminar.description_text(),
        "url": url,
        "fields": [f.slug for f in seminar.fields.all()],
        "block": [seminar.block.slug] if seminar.block else [],
        "prefecture": [seminar.prefecture.slug] if seminar.prefecture else [],
        "prefecture_names": [seminar.prefecture.name] if seminar.prefecture else [],
        "municipalities": [seminar.city] if seminar.city else [],
        "tags": sorted(t.name for t in seminar.tags.all()),
        "year": seminar.fiscal_year,
        "seminar_kind": seminar.kind,
        "status": seminar.progress(),
        "start": seminar.start.isoformat(),
        "end": seminar.end.isoformat() if seminar.end else None,
        "all_day": seminar.is_all_day,
        "venue": place,
        "organiser": seminar.organiser,
        "published_at": seminar.first_published_at.isoformat() if seminar.first_published_at else None,
    }


SEARCH_TYPES = (
    SearchType(
        "seminar",
        "セミナー",
        "events.Seminar",
        seminar_document,
        prepare=prepare,
        context=Seminar.routing_context,
        text_keys=("venue",),
    ),
)
FACETS = (
    TermsFacet("seminar_kind", "セミナーの種類", order=Order.EDITORIAL, labels=lambda: dict(SeminarKind.choices)),
)
