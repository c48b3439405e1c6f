"""The second factor: an authenticator app (TOTP) and single-use recovery
codes, both django-otp devices."""

import io
import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "認証アプリ"
RECOVERY_DEVICE_NAME = "回復コード"


def pending_app_device(user):
    """The unconfirmed device whose secret the enrolment page shows: the same
    one on every reload, so a code from an app set up earlier still fits."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def has_app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def confirm_app_device(device, code):
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


def issue_recovery_codes(user):
    """New codes replace the old ones; they are shown once, by the caller."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user).count()


def remove_devices(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def typed_secret(device):
    """The base32 secret in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(data):
    """An inline SVG (no request, no script; the CSP allows it)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    svg = svg[svg.index("<svg") :]
    # The same secret is printed as text beside it, so the picture is hidden
    # from screen readers; it is drawn at a size phone cameras read easily.
    return re.sub(
        r'width="[^"]+" height="[^"]+"', 'width="200" height="200" aria-hidden="true" focusable="false"', svg, count=1
    )
