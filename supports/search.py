"""Support programs in the site search: their documents and the facets they
own (支援の種類, 所管, 募集中)."""

from search.facets import DateWindowFacet, TermsFacet
from search.registry import SearchType
from search.text import html_text

from .models import SupportKind


def prepare(queryset):
    return queryset.prefetch_related("fields", "tags")


def program_document(program):
    return {
        "kind": "program",
        "title": program.title,
        "summary": program.summary,
        "body": "\n".join(
            filter(None, [html_text(program.body), program.eligible_bodies, program.conditions, program.terms])
        ),
        "url": program.get_url(),
        "fields": [f.slug for f in program.fields.all()],
        "block": [],
        "prefecture": [],
        "municipalities": [],
        "tags": sorted(t.name for t in program.tags.all()),
        "ministry": program.ministry,
        "year": program.fiscal_year,
        "support_kind": program.support_kind,
        "applicant_kinds": sorted({kind for rule in program.rule_dicts() for kind in rule["applicant_kinds"]}),
        "application_open": program.application_open.isoformat() if program.application_open else None,
        "application_close": program.application_close.isoformat() if program.application_close else None,
        "published_at": program.first_published_at.isoformat() if program.first_published_at else None,
    }


SEARCH_TYPES = (
    SearchType(
        "program", "支援策", "supports.SupportProgramPage", program_document, prepare=prepare, text_keys=("ministry",)
    ),
)
FACETS = (
    TermsFacet("support_kind", "支援の種類", labels=lambda: dict(SupportKind.choices)),
    TermsFacet("ministry", "所管"),
    DateWindowFacet("open", "募集状況", start="application_open", end="application_close", flag_label="募集中"),
)
