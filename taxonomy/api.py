"""The finder's combobox endpoint: the bodies a typed name, よみ or code finds."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .lookup import find_bodies
from .models import directory_entries

LOOKUP_LIMIT = 10


def body_as_dict(body):
    return {
        "code": body.lg_code,
        "name": body.name,
        "label": str(body),
        "kana": body.kana,
        "prefecture": body.prefecture.name,
        "block": body.prefecture.block_name,
        "kind": body.kind,
        "kind_label": body.kind_label,
    }


@require_safe
def municipality_lookup_api(request):
    """One query whatever the number of bodies; a malformed query is a 400
    with the same shape and its reason in ``message``. Anonymous 200s are
    kept by the page cache like the other JSON."""
    lookup = find_bodies(request.GET.get("q", ""), directory_entries(), LOOKUP_LIMIT)
    body = {
        "query": lookup.query,
        "total": lookup.total,
        "exact": lookup.exact,
        "message": lookup.message,
        "results": [body_as_dict(match) for match in lookup.matches],
    }
    return JsonResponse(body, status=400 if lookup.invalid else 200, json_dumps_params={"ensure_ascii": False})
