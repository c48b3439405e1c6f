"""The mails alerts send, built from templates; sending is the caller's."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from . import tokens

SITE_NAME = "ICT地域活性化ポータル"


def absolute(path):
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def unsubscribe_url(subscription):
    return absolute(reverse("alerts:unsubscribe", args=[tokens.unsubscribe_token(subscription)]))


def manage_url(email_digest):
    return absolute(reverse("alerts:manage", args=[tokens.manage_token(email_digest)]))


def _links(subscription):
    return {
        "subscription": subscription,
        "unsubscribe_url": unsubscribe_url(subscription),
        "manage_url": manage_url(subscription.email_digest),
        "privacy_url": absolute(reverse("alerts:privacy")),
        "site_name": SITE_NAME,
    }


def confirmation(subscription):
    context = {
        **_links(subscription),
        "confirm_url": absolute(reverse("alerts:confirm", args=[tokens.confirm_token(subscription)])),
        "valid_days": settings.ALERTS_CONFIRM_SECONDS // 86400,
    }
    return EmailMessage(
        subject=f"【{SITE_NAME}】新着メールの登録確認",
        body=render_to_string("alerts/mail/confirm.txt", context),
        to=[subscription.email],
    )


def digest(subscription, items):
    """One mail listing `items`, with the RFC 8058 one-click unsubscribe."""
    context = {
        **_links(subscription),
        "items": [(entry, absolute(entry.url) if entry.url.startswith("/") else entry.url) for entry in items],
    }
    return EmailMessage(
        subject=f"【{SITE_NAME}】新着{len(items)}件：{subscription.label}"[:200],
        body=render_to_string("alerts/mail/digest.txt", context),
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def already(subscription):
    """Asked again for a state the address already follows: say so, rather
    than tell the asker (who may not own the address) anything on screen."""
    return EmailMessage(
        subject=f"【{SITE_NAME}】新着メールはすでに登録されています",
        body=render_to_string("alerts/mail/already.txt", _links(subscription)),
        to=[subscription.email],
    )
