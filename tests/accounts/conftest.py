import pyotp
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.devices import typed_secret
from editorial.groups import APPROVER, EDITOR
from tests.factories import PASSWORD, UserFactory

CLIENT = "192.0.2.10"
OTHER_CLIENT = "192.0.2.77"


@pytest.fixture
def staff(db):
    return {
        "editor": UserFactory(username="hensyu", group=EDITOR),
        "approver": UserFactory(username="syounin", group=APPROVER),
        "admin": UserFactory(username="kanri", is_superuser=True),
    }


@pytest.fixture
def second_factor_on(settings):
    settings.SECOND_FACTOR_REQUIRED = True


def sign_in(client, username, password=PASSWORD, ip=CLIENT, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def enrol(user):
    """A confirmed authenticator app for user, and a function giving its
    current code, as the phone would."""
    device = TOTPDevice.objects.create(user=user, name="認証アプリ", confirmed=True)
    return device, pyotp.TOTP(typed_secret(device).replace(" ", ""))
