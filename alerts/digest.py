"""What one subscription is told, as plain functions over plain rows: no
database, no mail. The batch (sending.py) loads the rows once and calls these
for every subscription.

An item is *changed* when its search document was written after the
subscription's watermark (a publish writes it, a draft never does, a
withdrawal turns it into a tombstone that is never loaded). The watermark is
looked back on by OVERLAP so a publish still committing while a batch read
is not lost (what was already sent is skipped by (key, version)), but never
to before the subscription was confirmed."""

import datetime
from dataclasses import dataclass

from search.backends.database import row_matches
from search.registry import facets

OVERLAP = datetime.timedelta(minutes=5)
REMINDER_DAYS = 14


@dataclass(frozen=True)
class Row:
    key: str
    text: str
    facets: dict
    data: dict
    published_at: datetime.datetime | None
    updated_at: datetime.datetime


@dataclass(frozen=True)
class Item:
    key: str
    version: str
    title: str
    summary: str
    url: str
    reason: str


def looked_back(watermark, confirmed_at):
    """The instant after which a change is news to the subscription."""
    return max(watermark - OVERLAP, confirmed_at)


def changed_since(rows, after):
    return [row for row in rows if row.updated_at > after]


def news(row, after):
    return "新着" if row.published_at and row.published_at > after else "更新"


def _matched_conditions(query, row, labels):
    """Which of the subscription's conditions this item meets, in words."""
    parts = [f"「{query.text}」を含む"] if query.text else []
    for spec in facets():
        wanted = query.filters.get(spec.name, ())
        values = [v for v in row.facets.get(spec.name, ()) if v in wanted]
        if values:
            names = labels.get(spec.name, {})
            parts.append(f"{spec.label}：{'・'.join(names.get(v, v) for v in values)}")
    return "、".join(parts)


def item(row, reason, version=None, key=None):
    data = row.data
    return Item(
        key=key or row.key,
        version=version or row.updated_at.isoformat(),
        title=data.get("title", ""),
        summary=" ".join((data.get("summary") or "").split())[:120],
        url=data.get("url", ""),
        reason=reason,
    )


def matching_rows(query, rows, today):
    """The rows the state's search finds, by the rule the database backend
    applies (tested equal to Elasticsearch's). The same for every subscription
    to the state, so the batch computes it once per state."""
    return [row for row in rows if row_matches(query, row.text, row.facets, today)]


def search_items(query, matched, after, labels):
    """Items for one subscription: its state's matched rows changed after `after`."""
    found = []
    for row in changed_since(matched, after):
        conditions = _matched_conditions(query, row, labels)
        found.append(item(row, f"{news(row, after)}：{conditions}に一致" if conditions else news(row, after)))
    return found


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _japanese(day):
    return f"{day.year}年{day.month}月{day.day}日"


def reminders(row, today, days=REMINDER_DAYS):
    """The program's window opening or closing within `days` (today counts),
    each a separate item that is sent once per date."""
    found = []
    for edge, label in (("application_open", "募集開始"), ("application_close", "募集締切")):
        day = _date(row.facets.get(edge))
        if day and 0 <= (day - today).days <= days:
            left = (day - today).days
            when = "本日" if left == 0 else f"あと{left}日"
            found.append(
                item(row, f"{label}：{_japanese(day)}（{when}）", version=day.isoformat(), key=f"{row.key}#{edge}")
            )
    return found


def unsent(items, sent):
    """`sent` holds (key, version) pairs already told to this subscription."""
    seen = set(sent)
    fresh = []
    for entry in items:
        if (entry.key, entry.version) not in seen:
            seen.add((entry.key, entry.version))
            fresh.append(entry)
    return fresh
