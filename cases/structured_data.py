"""schema.org data for a case: an Article about the places it happened in."""

from seo.structured_data import CONTEXT, PUBLISHER


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
        "publisher": PUBLISHER,
        "author": PUBLISHER,
    }
    if case.first_published_at:
        data["datePublished"] = case.first_published_at.isoformat()
    if case.last_published_at:
        data["dateModified"] = case.last_published_at.isoformat()
    if case.source:
        data["isBasedOn"] = case.source
    return data
