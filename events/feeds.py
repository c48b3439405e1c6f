"""An Atom feed of newly announced seminars: newest announcement first, so
a reader sees what was just published, whatever its date."""

from django.utils.feedgenerator import Atom1Feed

from .ical import summary
from .models import SeminarKind

FEED_TITLE = "ICT地域活性化ポータル 新着のセミナー・説明会"
FEED_SIZE = 50


def entry_text(seminar):
    head = "　".join(filter(None, [seminar.schedule_label(), seminar.place_label(), seminar.progress_label()]))
    if seminar.is_called_off():
        head += f"（{seminar.status_reason}）"
    return "\n".join(filter(None, [head, seminar.description_text()]))


def atom_for(seminars, url_for, feed_url, site_url):
    feed = Atom1Feed(
        title=FEED_TITLE,
        link=site_url,
        description="ICT・IoTの地域実装に関するセミナー・説明会の新着情報です。",
        feed_url=feed_url,
        language="ja",
    )
    for seminar in seminars:
        feed.add_item(
            title=summary(seminar),
            link=url_for(seminar),
            description=entry_text(seminar),
            unique_id=f"urn:uuid:{seminar.uid}",
            unique_id_is_permalink=False,
            pubdate=seminar.first_published_at,
            updateddate=seminar.last_published_at or seminar.first_published_at,
            categories=[SeminarKind(seminar.kind).label, *(f.name for f in seminar.fields.all())],
        )
    return feed.writeString("utf-8")
