"""Signed links: nothing to log in to, so the link is the authority.

Confirmation and manage links expire; unsubscribe links never do (RFC 8058:
a mail read months later must still unsubscribe). A subscription's random
nonce is part of what is signed, so a link dies with its subscription even if
the database ever reuses the id."""

from django.conf import settings
from django.core import signing

from accounts.digests import keyed_digest as digest  # noqa: F401 - the address's key for limits and manage links

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
MANAGE_SALT = "alerts.manage"


def confirm_token(subscription):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscription.signed_value)


def unsubscribe_token(subscription):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(subscription.signed_value)


def manage_token(email_digest):
    return signing.TimestampSigner(salt=MANAGE_SALT).sign(email_digest)


def _split(value):
    pk, _, nonce = value.partition(".")
    if not (pk.isascii() and pk.isdigit() and len(pk) < 19 and nonce):
        raise signing.BadSignature("malformed")
    return int(pk), nonce


def read_confirm(token):
    """(pk, nonce); raises signing.SignatureExpired or BadSignature."""
    return _split(signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=settings.ALERTS_CONFIRM_SECONDS))


def read_unsubscribe(token):
    return _split(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))


def read_manage(token):
    return signing.TimestampSigner(salt=MANAGE_SALT).unsign(token, max_age=settings.ALERTS_MANAGE_SECONDS)
