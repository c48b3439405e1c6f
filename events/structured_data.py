"""schema.org Event data (JSON-LD) for a seminar's page. Only what is known
is said: no time for an all-day seminar, no place that was not given."""

import json

from django.utils.safestring import mark_safe

from seo.structured_data import SCRIPT_ESCAPES

from .models import SeminarStatus

EVENT_STATUS = {
    SeminarStatus.SCHEDULED: "https://schema.org/EventScheduled",
    SeminarStatus.CANCELLED: "https://schema.org/EventCancelled",
    SeminarStatus.POSTPONED: "https://schema.org/EventPostponed",
}


def _start_and_end(seminar):
    if seminar.is_all_day:
        return seminar.start_date.isoformat(), seminar.last_date.isoformat()
    end = seminar.end.isoformat() if seminar.end else None
    return seminar.start.isoformat(), end


def _place(seminar):
    address = {"@type": "PostalAddress", "addressCountry": "JP"}
    if seminar.prefecture:
        address["addressRegion"] = seminar.prefecture.name
    if seminar.city:
        address["addressLocality"] = seminar.city
    if len(address) == 2 and not seminar.venue:
        return None
    return {"@type": "Place", "name": seminar.venue or seminar.place_label(), "address": address}


def event_data(seminar, url):
    start, end = _start_and_end(seminar)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": seminar.title,
        "startDate": start,
        "eventStatus": EVENT_STATUS[seminar.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": url,
    }
    if end:
        data["endDate"] = end
    description = seminar.description_text()
    if description:
        data["description"] = description
    place = _place(seminar)
    if place:
        data["location"] = place
    if seminar.organiser:
        data["organizer"] = {"@type": "Organization", "name": seminar.organiser}
    offer = {"url": seminar.registration_url} if seminar.registration_url else {}
    if "無料" in seminar.fee:
        data["isAccessibleForFree"] = True
        offer.update(price="0", priceCurrency="JPY")
    if offer:
        data["offers"] = {"@type": "Offer", **offer}
    return data


def event_json_ld(seminar, url):
    """Ready to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(event_data(seminar, url), ensure_ascii=False, indent=2).translate(SCRIPT_ESCAPES))
