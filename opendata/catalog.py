"""The DCAT catalogue (DCAT-AP style JSON-LD) describing the downloads, so
that a CKAN or other catalogue can harvest them. The @context is inline:
a consumer needs no network access to expand it."""

from .licence import LICENCE_URI, PUBLISHER

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:modified": {"@type": "xsd:dateTime"},
    "dct:issued": {"@type": "xsd:dateTime"},
    "dct:license": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "foaf:homepage": {"@type": "@id"},
    "dct:conformsTo": {"@type": "@id"},
}

# (suffix, format name, media type, note)
FORMATS = (
    (".csv", "CSV", "text/csv", "UTF-8（BOM付き、Excel向け）"),
    ("-utf8.csv", "CSV", "text/csv", "UTF-8（BOMなし）"),
    (".json", "JSON", "application/json", "UTF-8"),
)


def distributions(dataset, absolute):
    return [
        {
            "@id": absolute(f"{dataset.slug}{suffix}"),
            "@type": "dcat:Distribution",
            "dct:title": {"@value": f"{dataset.title}（{name}、{note}）", "@language": "ja"},
            "dcat:accessURL": absolute(f"{dataset.slug}{suffix}"),
            "dcat:downloadURL": absolute(f"{dataset.slug}{suffix}"),
            "dcat:mediaType": media_type,
            "dct:format": name,
            "dct:license": LICENCE_URI,
        }
        for suffix, name, media_type, note in FORMATS
    ]


def catalog(datasets, absolute, landing_page, modified):
    """`absolute(path)`: the absolute URL of a path under /opendata/;
    `modified`: {slug: datetime or None}."""
    publisher = {"@type": "foaf:Agent", "foaf:name": PUBLISHER, "foaf:homepage": absolute("/")}
    entries = []
    for dataset in datasets:
        entry = {
            "@id": absolute(f"#{dataset.slug}"),
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.slug,
            "dct:title": {"@value": dataset.title, "@language": "ja"},
            "dct:description": {"@value": dataset.description, "@language": "ja"},
            "dcat:keyword": [{"@value": keyword, "@language": "ja"} for keyword in dataset.keywords],
            "dct:publisher": publisher,
            "dct:license": LICENCE_URI,
            "dct:language": "ja",
            "dcat:landingPage": landing_page,
            "dcat:distribution": distributions(dataset, absolute),
        }
        if modified.get(dataset.slug):
            entry["dct:modified"] = modified[dataset.slug].isoformat()
        entries.append(entry)
    return {
        "@context": CONTEXT,
        "@id": absolute("catalog.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": {"@value": "ICT地域活性化ポータル オープンデータ", "@language": "ja"},
        "dct:description": {
            "@value": "事例・支援策・セミナー・表彰の受賞結果の機械判読可能なデータです。",
            "@language": "ja",
        },
        "dct:publisher": publisher,
        "dct:license": LICENCE_URI,
        "foaf:homepage": landing_page,
        "dcat:dataset": entries,
    }
