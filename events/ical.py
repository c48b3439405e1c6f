"""Seminars as RFC 5545 iCalendar data.

- UID is the seminar's own UUID, so a calendar that subscribed once
  recognises the same seminar after any edit (title, date or slug).
- DTSTAMP is when the seminar was last published, as RFC 5545 asks of a
  published calendar; it does not change between downloads.
- A timed seminar is DTSTART;TZID=Asia/Tokyo with the VTIMEZONE included; an
  all-day one is VALUE=DATE with an exclusive DTEND (the day after).
- 中止 is STATUS:CANCELLED and 延期 STATUS:TENTATIVE, with the state in the
  SUMMARY too, because many calendar apps do not show STATUS."""

import datetime

from icalendar import Calendar, Event

from .models import Progress, SeminarKind, SeminarStatus

PRODID = "-//ICT地域活性化ポータル//セミナー・説明会//JA"
CALENDAR_NAME = "ICT地域活性化ポータル セミナー・説明会"
STATUS = {
    SeminarStatus.SCHEDULED: "CONFIRMED",
    SeminarStatus.CANCELLED: "CANCELLED",
    SeminarStatus.POSTPONED: "TENTATIVE",
}
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def summary(seminar):
    if seminar.is_called_off():
        return f"【{Progress(seminar.progress()).label}】{seminar.title}"
    return seminar.title


def description(seminar, url):
    lines = []
    if seminar.is_called_off():
        lines.append(f"{seminar.progress_label()}：{seminar.status_reason}")
    lines += [
        f"種類：{SeminarKind(seminar.kind).label}",
        f"主催：{seminar.organiser}" if seminar.organiser else "",
        f"参加費：{seminar.fee}" if seminar.fee else "",
        f"定員：{seminar.capacity}人" if seminar.capacity else "",
        f"申込み：{seminar.registration_url}" if seminar.registration_url else "",
        seminar.description_text(),
        f"出典：{seminar.source}" if seminar.source else "",
        url,
    ]
    return "\n".join(line for line in lines if line)


def seminar_event(seminar, url):
    event = Event()
    event.add("uid", str(seminar.uid))
    event.add("dtstamp", seminar.last_published_at or seminar.first_published_at or EPOCH)
    if seminar.is_all_day:
        event.add("dtstart", seminar.start_date)
        event.add("dtend", seminar.last_date + datetime.timedelta(days=1))
    else:
        event.add("dtstart", seminar.start)
        if seminar.end:
            event.add("dtend", seminar.end)
    event.add("summary", summary(seminar))
    location = seminar.place_label()
    if location:
        event.add("location", location)
    event.add("status", STATUS[seminar.status])
    event.add("url", url)
    event.add("description", description(seminar, url))
    event.add("categories", [SeminarKind(seminar.kind).label, *(f.name for f in seminar.fields.all())])
    if seminar.last_published_at:
        event.add("last-modified", seminar.last_published_at)
    return event


def calendar_for(seminars, url_for, name=CALENDAR_NAME):
    """The iCalendar text of `seminars`; `url_for(seminar)` gives each
    seminar's absolute URL."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Tokyo")
    for seminar in seminars:
        cal.add_component(seminar_event(seminar, url_for(seminar)))
    cal.add_missing_timezones()
    return cal.to_ical()
