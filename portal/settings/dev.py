import os

from .base import *  # noqa: F401,F403
from .base import env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# Mail is printed to the console unless a mail server is configured.
if not (os.environ.get("EMAIL_URL") or os.environ.get("EMAIL_BACKEND")):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
