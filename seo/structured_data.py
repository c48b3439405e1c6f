"""schema.org data (JSON-LD): what every page shares (the site, its
breadcrumbs) and the script tag. Each content app describes its own pages
(a page's `json_ld()`, e.g. cases/structured_data.py), as plain dicts built
from the models, so they are tested without HTTP. Only what the content says
is said: an unknown budget or date is left out, never guessed."""

import json

from django.utils.safestring import mark_safe

SITE_NAME = "ICT地域活性化ポータル"
CONTEXT = "https://schema.org"
JAPAN = {"@type": "Country", "name": "日本"}
PUBLISHER = {"@type": "Organization", "name": SITE_NAME}
# Inside <script>, these would end the element or start markup.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def website(site_url, search_url):
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": site_url,
        "inLanguage": "ja",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def organization(site_url, logo_url):
    return {"@context": CONTEXT, "@type": "Organization", "name": SITE_NAME, "url": site_url, "logo": logo_url}


def breadcrumb_list(crumbs):
    """`crumbs`: [(name, absolute url)], from the top down."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def script_tag(data):
    """A <script type="application/ld+json"> element that no string in the
    content can close early."""
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
