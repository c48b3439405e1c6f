"""The public side of the 相談窓口: the form, the thank-you page and the
privacy note. Hostile input gets a form error or a 400/429 page, never a 500."""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

import clock
from accounts import digests
from cases.models import CaseStudyPage
from supports.models import SupportProgramPage
from taxonomy.models import directory_entries

from . import mail
from .forms import EnquiryForm, started_token
from .models import Enquiry, Topic, new_reference

logger = logging.getLogger("portal.desk")

REFERENCE_SALT = "desk.reference"
TOPIC_OF = {CaseStudyPage: Topic.CASE, SupportProgramPage: Topic.PROGRAM}
RELATED_LABELS = {CaseStudyPage: "事例", SupportProgramPage: "支援策"}


def page_id(value):
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def related_page(pk):
    """A live, public case or program page, or None."""
    if pk is None:
        return None
    return Page.objects.live().public().type(CaseStudyPage, SupportProgramPage).filter(pk=pk).specific().first()


def _send_after_commit(enquiry):
    def send():
        for message in mail.messages_for(enquiry):
            try:
                message.send()
            except Exception as error:  # the enquiry is kept and shown in the inbox either way
                logger.warning("desk mail for %s not sent: %s", enquiry.reference, error)

    transaction.on_commit(send)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def enquiry_form(request):
    if request.method != "POST":
        related = related_page(page_id(request.GET.get("page", "")))
        initial = {"started": started_token()}
        if related:
            initial.update(related=related.pk, topic=TOPIC_OF[type(related)])
        # An unbound form never looks a body up: the directory is read on POST only.
        form = EnquiryForm(initial=initial, bodies=())
        return TemplateResponse(request, "desk/enquiry_form.html", _context(form, related))
    form = EnquiryForm(request.POST, bodies=directory_entries())
    related = related_page(page_id(request.POST.get("related", "")))
    context = _context(form, related)
    if not form.is_valid():
        return TemplateResponse(request, "desk/enquiry_form.html", context, status=400)
    client_digest = digests.client_digest(request)
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    if (
        Enquiry.objects.filter(client_digest=client_digest, created_at__gte=hour_ago).count()
        >= settings.DESK_MAX_PER_CLIENT_HOUR
    ):
        form.add_error(
            None,
            f"短時間に多くの相談が送信されました（1時間に{settings.DESK_MAX_PER_CLIENT_HOUR}件まで）。1時間ほどおいてから、もう一度お試しください。",
        )
        return TemplateResponse(request, "desk/enquiry_form.html", context, status=429)
    data = form.cleaned_data
    enquiry = Enquiry.objects.create(
        reference=new_reference(clock.today()),
        municipality_id=data["municipality"],
        organisation=data["organisation"].strip(),
        name=data["name"].strip(),
        email=data["email"],
        topic=data["topic"],
        related_page=related,
        question=data["question"].strip(),
        client_digest=client_digest,
    )
    _send_after_commit(enquiry)
    return redirect("desk:thanks", token=signing.Signer(salt=REFERENCE_SALT).sign(enquiry.reference))


def _context(form, related):
    return {"form": form, "related": related, "related_label": RELATED_LABELS.get(type(related), "")}


@never_cache
def thanks(request, token):
    try:
        reference = signing.Signer(salt=REFERENCE_SALT).unsign(token)
    except signing.BadSignature:
        return TemplateResponse(request, "desk/thanks.html", {"reference": None}, status=404)
    return TemplateResponse(request, "desk/thanks.html", {"reference": reference})


def privacy(request):
    return TemplateResponse(request, "desk/privacy.html", {"retention_days": settings.DESK_RETENTION_DAYS})
