"""Every public page type, rendered and checked by the Nu HTML Checker in one
JVM run over a folder of pages."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import CaseFactory

from .pages import page_type_urls

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


@pytest.mark.skipif(not VNU.exists() or not shutil.which("java"), reason="vnu.jar (npm ci) and java are needed")
def test_every_page_type_is_valid_html(client, tmp_path, photo):
    body = [("image", {"image": photo, "alt": "棚田に設置した水位センサー", "caption": "水位センサー"})]
    with_images = CaseFactory(lead_image=photo, body=body)
    for name, url in {**page_type_urls(), "case_with_images": with_images.url}.items():
        response = client.get(url)
        assert response.status_code == 200, url
        (tmp_path / f"{name}.html").write_bytes(response.content)
    files = sorted(str(path) for path in tmp_path.glob("*.html"))
    completed = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(completed.stderr or completed.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"
    ]
    assert errors == [], "\n".join(errors)
