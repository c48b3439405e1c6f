"""Cross-cutting HTTP behaviour: a Content-Security-Policy for the public
site, and a clear 503 instead of a stack trace when the database is away."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from core.sqlite.base import reading

logger = logging.getLogger("portal.resilience")

# The public pages run one script, static/js/facets.js, from our own origin;
# JSON-LD blocks are data the browser never executes, so no inline script is
# allowed. Inline style attributes stay allowed (tiles set a CSS variable).
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Wagtail's admin (and the previews it serves) needs its own inline scripts.
CSP_EXEMPT_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(CSP_EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        return response


class ReadingRequestMiddleware:
    """GET and HEAD read (a search also logs its query, a write it may
    lose): on SQLite their transactions stay deferred; every other
    transaction takes the write lock first (core/sqlite/base.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = reading.set(request.method in ("GET", "HEAD"))
        try:
            return self.get_response(request)
        finally:
            reading.reset(token)


def service_unavailable():
    """Rendered from a static template with no context processors: the
    failing dependency is the database, so nothing here may touch it."""
    response = HttpResponse(loader.get_template("errors/503.html").render(), status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A locked or unreachable database is a passing condition, not a bug:
    answer 503 with Retry-After. Django closes the broken connection at the
    end of the request, so the next request reconnects by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.warning("database unavailable for %s: %s", request.path, exception)
            return service_unavailable()
        return None
