"""Production settings, exercised in a fresh interpreter: they are read once
at import, and the test process runs portal.settings.test."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-like-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "portal.example.jp",
    "DATABASE_URL": "sqlite:////tmp/portal-production-settings-test.sqlite3",
}


# The test run itself sets these; a production process would not have them.
TEST_ONLY = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run(args, extra_env=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop and k not in TEST_ONLY}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **(extra_env or {}))
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_refuses_to_start_without_required_environment(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run(["manage.py", "check"], env, drop=(missing,))
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_security_settings_in_production():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.SECURE_CONTENT_TYPE_NOSNIFF, s.DEBUG,"
        " s.SECURE_REFERRER_POLICY, 'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE)"
    )
    result = run(["-c", code], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"] * 6 + ["False", "strict-origin-when-cross-origin", "True"]


@pytest.mark.e2e
def test_whitenoise_serves_fingerprinted_compressed_static_files_for_a_year(tmp_path):
    """collectstatic with the production storage, then fetch the hashed
    facets.js through the WSGI stack as a browser would."""
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path), "SECURE_SSL_REDIRECT": "0"}
    collected = run(["manage.py", "collectstatic", "--noinput", "-v0"], env)
    assert collected.returncode == 0, collected.stderr
    code = (
        "import django; django.setup();"
        "from django.templatetags.static import static; from django.test import Client;"
        "url = static('js/facets.js'); print(url);"
        "r = Client(HTTP_HOST='portal.example.jp').get(url, HTTP_ACCEPT_ENCODING='gzip');"
        "print(r.status_code); print(r.headers.get('Cache-Control')); print(r.headers.get('Content-Encoding'))"
    )
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    url, status, cache_control, encoding = result.stdout.strip().splitlines()
    assert url.startswith("/static/js/facets.") and url.endswith(".js") and url != "/static/js/facets.js"
    assert status == "200"
    assert "immutable" in cache_control
    assert int(cache_control.split("max-age=")[1].split(",")[0]) >= 60 * 60 * 24 * 365
    assert encoding == "gzip"


def test_production_refuses_the_development_switch_for_the_second_factor():
    result = run(["manage.py", "check", "--deploy"], {**PRODUCTION_ENV, "SECOND_FACTOR_REQUIRED": "0"})
    assert result.returncode != 0
    assert "accounts.E001" in result.stderr + result.stdout


def test_production_refuses_the_demo_passwords_and_weak_ones():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "from django.contrib.auth.password_validation import validate_password;"
        "from django.core.exceptions import ValidationError\n"
        "def refused(p):\n"
        "    try: validate_password(p)\n"
        "    except ValidationError as e: return sorted(x.code for x in e.error_list)\n"
        "    return []\n"
        "print(s.REFUSE_DEMO_PASSWORDS, s.SECOND_FACTOR_REQUIRED, refused('demo-approver-pass'), refused('short-pw1'),"
        " refused('tanada-sensor-kumamoto-2026'))"
    )
    result = run(["-c", code], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True ['demo_password'] ['password_too_short'] []"
