"""Whole-response cache for anonymous visitors, with ETag/Last-Modified and
conditional GET. Anything that could be personal is never stored: requests
carrying a session cookie (editors, anyone who used a password form),
responses that set a cookie or embed a CSRF token, non-200s, the admin and
previews, and search, which logs each query and is keyed by free text."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import generation

UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/search/", "/api/search/", "/static/", "/media/")
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "X-Robots-Tag",
    "X-Frame-Options",
    "Link",
    "Vary",
)


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def is_cacheable_response(request, response):
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def cache_key(request):
    url = f"{request.get_host()}{request.get_full_path()}"
    return f"pagecache:{generation.current()}:{hashlib.sha256(url.encode()).hexdigest()}"


def freeze(response):
    return {
        "content": response.content,
        "headers": {name: response[name] for name in STORED_HEADERS if name in response},
        "etag": f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
        "last_modified": time.time(),
    }


def thaw(entry):
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def validators(response, entry):
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    # Shared caches and browsers revalidate; a 304 costs one cache lookup.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        entry = cache.get(key)
        if entry is not None:
            response = thaw(entry)
            state = "hit"
        else:
            response = self.get_response(request)
            if request.method != "GET" or not is_cacheable_response(request, response):
                return response
            entry = freeze(response)
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            state = "miss"
        validators(response, entry)
        response["X-Page-Cache"] = state
        conditional = get_conditional_response(
            request, etag=entry["etag"], last_modified=int(entry["last_modified"]), response=response
        )
        return conditional
