"""A gunicorn worker builds what every page needs while it boots (portal/wsgi.py),
not during the first visitor's request."""

import subprocess
import sys

from tests.resilience.conftest import ROOT, server_env

SHOW = (
    "import sys, portal.wsgi; from django.urls import get_resolver; from django.utils.translation import get_language; "
    "print('portal.urls' in sys.modules, get_language() in get_resolver()._reverse_dict, "
    "'wagtail.templatetags.wagtailcore_tags' in sys.modules)"
)


def test_loading_the_application_imports_the_urlconf_the_reverse_table_and_the_template_tags():
    done = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=server_env(None), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "True", "True"]
