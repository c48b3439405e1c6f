import pytest

from awards.models import Award
from awards.search import award_document

pytestmark = pytest.mark.django_db


def test_edition_search_document():
    doc = award_document(Award.objects.get(slug="ict-award-2017"))
    assert doc["kind"] == "award"
    assert doc["title"] == "ICT地域活性化大賞2017"
    assert doc["url"] == "/awards/ict-award-2017/"
    assert doc["year"] == 2017 and doc["edition"] == "ICT地域活性化大賞2017"
    assert doc["award_tier"] == ["grand", "excellence", "special", "encouragement"]
    assert "生駒市" in doc["municipalities"] and "nara" in doc["prefecture"] and "kinki" in doc["block"]
    assert "株式会社AsMama（本社：横浜市）" in doc["winners"]
    assert "ひぐまっぷ" in doc["body"]
    assert doc["fields"] and all(isinstance(f, str) for f in doc["fields"])
    assert doc["tags"] == []


def test_compilation_search_document_has_no_edition_or_year():
    doc = award_document(Award.objects.get(slug="ict-award-past-grand"), routing_url="/x/")
    assert doc["edition"] is None and doc["year"] is None
    assert doc["title"].startswith("過去の総務大臣賞（2014〜2016年度")
    assert doc["url"] == "/x/ict-award-past-grand/"
    assert doc["award_tier"] == ["minister"]
