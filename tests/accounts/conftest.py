import socket

import pytest
import pyotp
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.devices import typed_secret
from editorial.groups import APPROVER, EDITOR

PASSWORD = "correct-horse-battery"
CLIENT = "192.0.2.10"
OTHER_CLIENT = "192.0.2.77"


def make_user(username, group=None, superuser=False, email=""):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=email, is_staff=superuser, is_superuser=superuser
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def staff(db):
    return {
        "editor": make_user("hensyu", EDITOR),
        "approver": make_user("syounin", APPROVER),
        "admin": make_user("kanri", superuser=True),
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


class Mailbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port; Django sends to it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield mailbox
    controller.stop()
