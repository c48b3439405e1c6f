"""The corrected facts as each public surface shows them: pages, the API,
open data and JSON-LD follow the data, and the quotes behind them are shown."""

import csv
import io
import json

import pytest

from cases.models import CaseStudyPage

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode("utf-8-sig")


def test_case_page_shows_no_100_selection_but_the_award_and_its_quotes(client):
    html = client.get("/cases/asmama-kosodate-share/").content.decode()
    assert "100選" not in html
    assert "ICT地域活性化大賞2017 大賞・総務大臣賞" in html
    assert "出典の文言" in html and "認定活動家が全国に627名" in html


def test_earlier_winners_are_shown_as_minister_award_only(client):
    html = client.get("/cases/shitateru-clothing-platform/").content.decode()
    assert "大賞・総務大臣賞" not in html
    archive = client.get("/awards/").content.decode()
    assert 'class="award__tier">総務大臣賞</h' in archive


def test_api_and_open_data_claim_no_100_selection(client):
    # Seeded as a 100選 before the documents were checked.
    case = CaseStudyPage.objects.get(slug="asmama-kosodate-share")
    assert client.get(f"/api/v2/cases/{case.pk}/", HTTP_ACCEPT="application/json").json()["selected_100"] is False
    text = body(client.get("/opendata/cases-utf8.csv"))
    assert {row["selected_100"] for row in csv.DictReader(io.StringIO(text))} == {"false"}
    assert {row["selected_100"] for row in json.loads(body(client.get("/opendata/cases.json")))} == {False}


def test_the_hitoyoshi_model_names_hitoyoshi_in_its_structured_data(client):
    html = client.get("/cases/iot-jisso-model-hitoyoshi-disaster/").content.decode()
    assert '"name": "人吉市"' in html or '"name":"人吉市"' in html
