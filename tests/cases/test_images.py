"""Case images: Wagtail renditions in AVIF with a WebP fallback, sized for
the layout, with width and height so nothing shifts, lazy below the fold."""

import re
from html.parser import HTMLParser

import pytest

from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


class Pictures(HTMLParser):
    """Each <picture>: its <source> types and its <img> attributes."""

    def __init__(self):
        super().__init__()
        self.pictures, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self._open = {"sources": [], "img": None}
        elif tag == "source" and self._open is not None:
            self._open["sources"].append(attrs)
        elif tag == "img" and self._open is not None:
            self._open["img"] = attrs
            self.pictures.append(self._open)
            self._open = None


def pictures(client, case):
    parser = Pictures()
    parser.feed(client.get(case.url).content.decode())
    return parser.pictures


def test_lead_and_body_images_are_avif_with_webp_fallback_and_sized(client, photo):
    body = [("image", {"image": photo, "alt": "棚田に設置した水位センサー", "caption": "水位センサー"})]
    case = CaseFactory(lead_image=photo, body=body)
    lead, figure = pictures(client, case)
    for picture in (lead, figure):
        assert [source["type"] for source in picture["sources"]] == ["image/avif"]
        assert picture["img"]["src"].endswith(".webp")
        assert int(picture["img"]["width"]) > 0 and int(picture["img"]["height"]) > 0
        widths = re.findall(r" (\d+)w", picture["img"]["srcset"])
        assert len(widths) == 2 and int(picture["img"]["height"]) * 16 == int(picture["img"]["width"]) * 9
    # The lead image is the first thing seen: fetched at once. Body images wait.
    assert "loading" not in lead["img"] and lead["img"]["fetchpriority"] == "high"
    assert figure["img"]["loading"] == "lazy" and figure["img"]["alt"] == "棚田に設置した水位センサー"
    avif = photo.renditions.filter(file__endswith=".avif").first()
    assert avif is not None and b"ftypavif" in avif.file.open("rb").read(32)


def test_a_case_without_images_renders_no_picture(client):
    assert pictures(client, CaseFactory()) == []
