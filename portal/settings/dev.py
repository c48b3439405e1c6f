import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# Mail is printed to the console unless a mail server is configured.
if not (os.environ.get("EMAIL_URL") or os.environ.get("EMAIL_BACKEND")):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Development only: the demo 承認者 and 管理者 of `make run` sign in with a
# password alone. `check --deploy` fails wherever this is off.
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", False)
