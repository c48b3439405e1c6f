"""The two mails of a new enquiry: the acknowledgement with its reference
number, and the staff notification (DESK_NOTIFY_EMAIL)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

SITE_NAME = "ICT地域活性化ポータル"


def acknowledgement(enquiry):
    return EmailMessage(
        subject=f"【{SITE_NAME}】ご相談を受け付けました（受付番号 {enquiry.reference}）",
        body=render_to_string("desk/mail/acknowledgement.txt", {"enquiry": enquiry, "site_name": SITE_NAME}),
        to=[enquiry.email],
    )


def notification(enquiry):
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("desk_enquiries:edit", args=[enquiry.pk])
    return EmailMessage(
        subject=f"【相談窓口】新しい相談 {enquiry.reference}（{enquiry.get_topic_display()}）",
        body=render_to_string("desk/mail/notification.txt", {"enquiry": enquiry, "admin_url": admin_url}),
        to=settings.DESK_NOTIFY_EMAIL,
        reply_to=[enquiry.email],
    )


def messages_for(enquiry):
    messages = [acknowledgement(enquiry)]
    if settings.DESK_NOTIFY_EMAIL:
        messages.append(notification(enquiry))
    return messages
