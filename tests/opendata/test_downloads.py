import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pyld import jsonld

from awards.models import AwardResult
from cases.models import CaseStudyPage
from events.models import Seminar
from opendata.datasets import datasets as registered_datasets
from supports.models import SupportProgramPage
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return body(response)


def test_csv_with_bom_matches_the_database_row_by_row(client):
    text = read_csv(client, "/opendata/cases.csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    cases = list(CaseStudyPage.objects.live().public().order_by("path"))
    assert len(rows) == len(cases)
    for row, case in zip(rows, cases, strict=False):
        assert int(row["id"]) == case.pk
        assert row["title"] == case.title
        assert row["summary"] == case.summary
        assert row["url"] == f"http://testserver{case.url}"
        assert list(filter(None, row["municipalities"].split(";"))) == [m.name for m in case.municipalities()]
        assert set(filter(None, row["fields"].split(";"))) == {f.name for f in case.fields.all()}
        assert row["selected_100"] == ("true" if case.selected_100 else "false")


def test_plain_utf8_csv_has_no_bom_and_programs_carry_rules_as_json(client):
    text = read_csv(client, "/opendata/programs-utf8.csv")
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    programs = list(SupportProgramPage.objects.live().public().order_by("path"))
    assert [row["title"] for row in rows] == [p.title for p in programs]
    for row, program in zip(rows, programs, strict=False):
        assert json.loads(row["rules"]) == program.rule_dicts()
        assert row["budget_yen"] == ("" if program.budget_yen is None else str(program.budget_yen))


def test_json_downloads_match_the_database(client):
    seminars = json.loads(body(client.get("/opendata/seminars.json")))
    assert [s["id"] for s in seminars] == [s.slug for s in Seminar.objects.public().chronological()]
    results = json.loads(body(client.get("/opendata/award-results.json")))
    assert sorted(r["id"] for r in results) == sorted(
        AwardResult.objects.filter(award__live=True).values_list("pk", flat=True)
    )


def test_every_dataset_downloads_in_every_format(client):
    for dataset in registered_datasets():
        for suffix in (".csv", "-utf8.csv", ".json"):
            response = client.get(f"/opendata/{dataset.slug}{suffix}")
            assert response.status_code == 200 and response.streaming, (dataset.slug, suffix)


def test_unknown_dataset_is_a_helpful_404(client):
    response = client.get("/opendata/nothing.csv")
    assert response.status_code == 404
    assert "/opendata/" in response.content.decode()


def test_export_query_count_does_not_grow_with_the_number_of_rows(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            body(client.get("/opendata/cases.csv"))
        return len(captured)

    before = queries()
    CaseFactory.create_batch(5, placed=True)
    assert queries() == before


def test_page_states_licence_attribution_and_dictionary(client):
    response = client.get("/opendata/")
    text = response.content.decode()
    assert "CC BY 4.0" in text and "https://creativecommons.org/licenses/by/4.0/" in text
    assert "出典：ICT地域活性化ポータル" in text
    assert "最終更新" in text
    for dataset in registered_datasets():
        for column in dataset.columns:
            assert f"<code>{column.key}</code>" in text


def test_dcat_catalogue_parses_as_json_ld(client):
    response = client.get("/opendata/catalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    expanded = jsonld.expand(document)
    dcat = "http://www.w3.org/ns/dcat#"
    [catalog] = [node for node in expanded if f"{dcat}Catalog" in node.get("@type", [])]
    datasets = catalog[f"{dcat}dataset"]
    assert len(datasets) == len(registered_datasets())
    for dataset in datasets:
        assert dataset["http://purl.org/dc/terms/license"] == [{"@id": "https://creativecommons.org/licenses/by/4.0/"}]
        downloads = [d[f"{dcat}downloadURL"][0]["@id"] for d in dataset[f"{dcat}distribution"]]
        assert len(downloads) == 3
        for url in downloads:
            assert client.get(url.removeprefix("http://testserver")).status_code == 200
