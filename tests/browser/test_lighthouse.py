"""Lighthouse on the main pages, mobile profile: accessibility and SEO at 100;
performance recorded in .artifacts/lighthouse.json as a benchmark, not a test."""
import json
import os
import subprocess

import pytest

from .conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT

pytestmark = pytest.mark.e2e

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "/",
    "search": "/search/?q=IoT&field=agriculture",
    "case": "/cases/iot-jisso-model-agri-sensor/",
    "program": "/supports/iot-jisso-2017/",
    "finder": "/supports/finder/?municipality=4&disadvantaged=depopulated&cost=３０００万円",
    "calendar": "/seminars/2018/02/",
}


def lighthouse(url, output):
    subprocess.run(
        [
            str(LIGHTHOUSE), url, "--only-categories=accessibility,seo,performance", "--form-factor=mobile",
            "--output=json", f"--output-path={output}", "--quiet",
            f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=180, capture_output=True,
    )
    return json.loads(output.read_text())


def failing_audits(report, category):
    return [
        f"{ref['id']}: {report['audits'][ref['id']]['title']}"
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
    ]


@pytest.fixture(scope="module")
def reports(portal, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lighthouse")
    found = {name: lighthouse(portal + path, folder / f"{name}.json") for name, path in PAGES.items()}
    scores = {
        name: {category: round(data["score"] * 100) for category, data in report["categories"].items()}
        for name, report in found.items()
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "lighthouse.json").write_text(json.dumps(scores, ensure_ascii=False, indent=2))
    print("\nLighthouse (mobile):", json.dumps(scores, ensure_ascii=False))
    return found


@pytest.mark.parametrize("name", PAGES)
def test_accessibility_is_100(reports, name):
    assert failing_audits(reports[name], "accessibility") == []


# A results page with a query is noindex on purpose (search/views.py): crawlers
# should index the content pages, not endless query combinations.
DELIBERATELY_NOT_INDEXED = {"search": ["is-crawlable: Page is blocked from indexing"]}


@pytest.mark.parametrize("name", PAGES)
def test_seo_is_100(reports, name):
    assert failing_audits(reports[name], "seo") == DELIBERATELY_NOT_INDEXED.get(name, [])
