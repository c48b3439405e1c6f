import json
from html.parser import HTMLParser


class HeadParser(HTMLParser):
    """Collects <title>, <meta>, <link rel=canonical|shortlink> and JSON-LD scripts."""

    def __init__(self):
        super().__init__()
        self.title, self.meta, self.canonical, self.shortlink, self.json_ld = "", {}, None, None, []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in = "title"
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content")
        elif tag == "link" and attrs.get("rel") in ("canonical", "shortlink"):
            setattr(self, attrs["rel"], attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json"
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json":
            self.json_ld[-1] += data


def parse_head(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    parser.json_ld = [json.loads(text) for text in parser.json_ld]
    return parser


def json_ld_types(head):
    types = []
    for item in head.json_ld:
        kind = item["@type"]
        types += kind if isinstance(kind, list) else [kind]
    return types


def of_type(head, kind):
    return [item for item in head.json_ld if kind == item["@type"] or kind in item["@type"]]
