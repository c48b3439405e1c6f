"""An Atom feed of newly announced seminars: newest announcement first, so
a reader sees what was just published, whatever its date."""

from seo import feeds

from .ical import summary
from .models import SeminarKind

FEED_TITLE = "ICT地域活性化ポータル 新着のセミナー・説明会"
FEED_SIZE = 50


def entry_text(seminar):
    head = "　".join(filter(None, [seminar.schedule_label(), seminar.place_label(), seminar.progress_label()]))
    if seminar.is_called_off():
        head += f"（{seminar.status_reason}）"
    return "\n".join(filter(None, [head, seminar.description_text()]))


def entry(seminar, url):
    return feeds.entry(
        summary(seminar),
        url,
        entry_text(seminar),
        seminar.first_published_at,
        seminar.last_published_at,
        [SeminarKind(seminar.kind).label, *(f.name for f in seminar.fields.all())],
        unique_id=f"urn:uuid:{seminar.uid}",
    )


def atom_for(seminars, url_for, feed_url, site_url):
    return feeds.atom_document(
        FEED_TITLE,
        site_url,
        feed_url,
        [entry(seminar, url_for(seminar)) for seminar in seminars],
        description="ICT・IoTの地域実装に関するセミナー・説明会の新着情報です。",
    )
