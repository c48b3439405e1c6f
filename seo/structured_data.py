"""schema.org data (JSON-LD) for each kind of page, as plain dicts built from
the models, so they are tested without HTTP. Only what the content says is
said: an unknown budget or date is left out, never guessed."""

import json

from django.utils.safestring import mark_safe

from events.structured_data import SCRIPT_ESCAPES, event_data
from supports.eligibility import describe_option

SITE_NAME = "ICT地域活性化ポータル"
CONTEXT = "https://schema.org"
JAPAN = {"@type": "Country", "name": "日本"}


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


def _places(case):
    places = [
        {
            "@type": "AdministrativeArea",
            "name": municipality.name,
            "containedInPlace": {"@type": "AdministrativeArea", "name": municipality.prefecture.name},
        }
        for municipality in case.municipalities()
    ]
    places += [{"@type": "AdministrativeArea", "name": prefecture.name} for prefecture in case.prefectures()]
    return places


def case_article(case, url, image_url):
    data = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": case.title[:110],
        "description": case.meta_description(),
        "url": url,
        "mainEntityOfPage": url,
        "image": [image_url],
        "inLanguage": "ja",
        "about": [{"@type": "Thing", "name": field.name} for field in case.fields.all()],
        "keywords": [tag.name for tag in case.tags.all()],
        "spatialCoverage": _places(case),
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "author": {"@type": "Organization", "name": SITE_NAME},
    }
    if case.first_published_at:
        data["datePublished"] = case.first_published_at.isoformat()
    if case.last_published_at:
        data["dateModified"] = case.last_published_at.isoformat()
    if case.source:
        data["isBasedOn"] = case.source
    return data


# Kinds that hand money to the applicant are grants as well as services.
GRANT_KINDS = {"subsidy", "local_finance"}


def _yen(**value):
    return {"@type": "MonetaryAmount", "currency": "JPY", **value}


def _grant_amounts(program):
    """The programme's budget, then the most each class of applicant can
    receive under each option (the terms' caps), named after the class."""
    amounts = [_yen(name="予算額", value=program.budget_yen)] if program.budget_yen is not None else []
    for rule in program.rule_objects():
        for option in rule.options:
            if option.ceiling_yen is not None:
                amounts.append(_yen(name=f"{rule.label}：{describe_option(option)}", maxValue=option.ceiling_yen))
    return amounts


def support_program(program, url):
    ministry = {"@type": "GovernmentOrganization", "name": program.ministry}
    data = {
        "@context": CONTEXT,
        "@type": "GovernmentService",
        "name": program.title,
        "description": program.meta_description(),
        "url": url,
        "serviceType": program.get_support_kind_display(),
        "provider": ministry,
        "areaServed": JAPAN,
    }
    if program.eligible_bodies:
        data["audience"] = {"@type": "Audience", "audienceType": program.eligible_bodies}
    if program.support_kind in GRANT_KINDS:
        data["@type"] = ["GovernmentService", "MonetaryGrant"]
        data["funder"] = ministry
        amounts = _grant_amounts(program)
        if amounts:
            data["amount"] = amounts
    if program.official_url:
        data["sameAs"] = program.official_url
    return data


def seminar_event(seminar, url):
    return event_data(seminar, url)


def script_tag(data):
    """A <script type="application/ld+json"> element that no string in the
    content can close early."""
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
