from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from editorial.management.commands.create_demo_users import DEMO_USERS

DEMO_PASSWORDS = frozenset(password for _, password, _, _ in DEMO_USERS)


class PortalModelBackend(ModelBackend):
    """Django's backend, refusing the published demo passwords where
    REFUSE_DEMO_PASSWORDS is on (production): a development database
    copied to a server must not open with them."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if settings.REFUSE_DEMO_PASSWORDS and password in DEMO_PASSWORDS:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
