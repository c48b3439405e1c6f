from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()

SCOPES_BY_KIND = {"case": "cases", "program": "supports", "seminar": "seminars"}


def _url(scope, params):
    pairs = [("scope", scope)] + [
        (k, v) for k, values in params.lists() for v in values if k not in ("page", "sort", "scope")
    ]
    return f"{reverse('alerts:subscribe')}?{urlencode(pairs)}"


@register.inclusion_tag("includes/alert_link.html", takes_context=True)
def alert_link(context, scope=""):
    """The "この条件の新着をメールで受け取る" link for the state on screen. A
    search result names its scope by the kind the page fixes; other lists pass it."""
    request = context["request"]
    if not scope:
        result = context.get("result")
        kinds = result.query.fixed.get("kind", ()) if result else ()
        scope = SCOPES_BY_KIND.get(kinds[0], "search") if len(kinds) == 1 else "search"
    return {"url": _url(scope, request.GET)}
