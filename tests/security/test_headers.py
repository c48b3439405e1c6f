import pytest

from portal.middleware import PUBLIC_CSP

pytestmark = pytest.mark.django_db

PUBLIC_URLS = ["/", "/cases/", "/supports/", "/search/?q=IoT", "/supports/finder/", "/seminars/", "/awards/"]


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_script_policy_forbids_inline_and_foreign_scripts():
    scripts = directives(PUBLIC_CSP)["script-src"]
    assert scripts == ["'self'"]
    assert directives(PUBLIC_CSP)["object-src"] == ["'none'"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_carry_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == PUBLIC_CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_run_no_inline_script(client, url):
    """Every <script> either loads a same-origin file or is a JSON-LD data
    block, which the browser never executes and CSP does not govern."""
    import re

    html = client.get(url).content.decode()
    for attributes in re.findall(r"<script\b([^>]*)>", html):
        assert 'src="/static/' in attributes or 'type="application/ld+json"' in attributes, attributes
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers are blocked by the policy"


def test_errors_carry_the_policy_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == PUBLIC_CSP


def test_admin_keeps_its_own_scripts(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
