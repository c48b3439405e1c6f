from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# MD5 keeps user creation cheap in tests; never used outside them.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# Tests choose their search backend explicitly (tests/search/conftest.py):
# the engine the test command started is offered here, not switched on for
# every test, because most tests run inside a transaction the engine cannot see.
TEST_ELASTICSEARCH_URL = ELASTICSEARCH_URL  # noqa: F405
ELASTICSEARCH_URL = ""
ELASTICSEARCH_INDEX_PREFIX = "portal-test"
ELASTICSEARCH_TIMEOUT = 5
# The suite signs staff in with force_login; the tests of the second factor
# (tests/accounts) switch the requirement on themselves.
SECOND_FACTOR_REQUIRED = False
