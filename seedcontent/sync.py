"""The generic compare-then-publish toolkit the apps' seed loaders share.

Idempotent by comparison: each item is compared with what is stored and only
a difference is written (and, for pages and snippets, published as a new
revision), so a second run changes nothing and adds no revisions. This module
imports no app of the portal: each app's seed.py imports it, never the
reverse, and `load_portal_content` runs the loaders settings.SEED_LOADERS
names, in that order."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape
from wagtail.models import Site

DATA_DIR = Path(__file__).resolve().parent / "data"


def read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def optional_date(text):
    """The one date parser of the data files: ISO 8601, or empty for none."""
    return datetime.date.fromisoformat(text) if text else None


def optional_time(text):
    return datetime.time.fromisoformat(text) if text else None


def site_root():
    """The home page, found through the default site so that a loader needs
    no import of home/ (which sits above every content app)."""
    return Site.objects.select_related("root_page").get(is_default_site=True).root_page.specific


@dataclass
class Report:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)  # lines a loader adds (e.g. how many search documents)

    def count(self, kind, created):
        bucket = self.created if created else self.updated
        bucket[kind] = bucket.get(kind, 0) + 1

    def note(self, line):
        self.notes.append(line)

    def lines(self):
        kinds = sorted(set(self.created) | set(self.updated))
        if not kinds:
            return ["変更はありません（すでに最新です）。", *self.notes]
        return [f"{k}: 新規 {self.created.get(k, 0)} / 更新 {self.updated.get(k, 0)}" for k in kinds] + self.notes


def upsert(model, lookup, values, report, kind):
    """update_or_create that writes only when something differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.count(kind, created=True)
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.count(kind, created=False)
    return obj


def ensure_page(parent, model, slug, values, report, kind):
    """Create or update a page, publishing a revision only on a change."""
    page = model.objects.filter(slug=slug).child_of(parent).first()
    created = page is None
    if created:
        page = model(slug=slug, **values)
        parent.add_child(instance=page)
    else:
        page = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
        changed = [name for name, value in values.items() if _value(page, name) != _value_of(value)]
        if not changed:
            return page, False
        for name in changed:
            setattr(page, name, values[name])
    page.save_revision().publish()
    report.count(kind, created=created)
    return model.objects.get(pk=page.pk), True


def ensure_snippet(model, lookup, values, report, kind):
    """ensure_page for publishable snippets (DraftStateMixin, RevisionMixin):
    create or update, publishing a revision only on a change."""
    stored = model.objects.filter(**lookup).first()
    if stored is None:
        obj = model(**lookup, **values)
        obj.save()
    else:
        obj = stored.get_latest_revision_as_object()
        changed = [name for name, value in values.items() if _value(obj, name) != _value_of(value)]
        if not changed:
            return stored
        for name in changed:
            setattr(obj, name, values[name])
    obj.save_revision().publish()
    report.count(kind, created=stored is None)
    return model.objects.get(pk=obj.pk)


def _value(page, name):
    return _value_of(getattr(page, name))


def _value_of(value):
    # StreamField values compare by their stored JSON, not by identity.
    if hasattr(value, "raw_data"):
        return json.dumps(_plain(list(value.raw_data)), sort_keys=True, ensure_ascii=False, default=str)
    # Stream data as the data files give it: (block type, value) pairs. Other
    # lists (JSONField values such as quotes) compare as they are.
    if isinstance(value, list) and all(isinstance(item, tuple) for item in value):
        return json.dumps(
            _plain([{"type": t, "value": v} for t, v in value]), sort_keys=True, ensure_ascii=False, default=str
        )
    return value


def _plain(data):
    """Stream data without what saving adds: block ids, and the
    {"type": "item", "value": …} wrapper around list items."""
    if isinstance(data, dict):
        if data.get("type") == "item" and "value" in data:
            return _plain(data["value"])
        return {k: _plain(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def sync_relations(page, report, fields=None, tags=None, children=None):
    """Bring M2M fields, tags and inline children in line with the data,
    publishing once if any of them differ."""
    page = page.get_latest_revision_as_object()
    changed = False
    if fields is not None and {f.pk for f in page.fields.all()} != {f.pk for f in fields}:
        page.fields.set(fields)
        changed = True
    if tags is not None and {t.name for t in page.tags.all()} != set(tags):
        page.tags.set(tags, clear=True)
        changed = True
    for relation, (model, rows) in (children or {}).items():
        keys = list(rows[0]) if rows else []
        current = [tuple(getattr(child, k) for k in keys) for child in getattr(page, relation).all()]
        wanted = [tuple(row.values()) for row in rows]
        if current != wanted:
            setattr(page, relation, [model(sort_order=order, **row) for order, row in enumerate(rows)])
            changed = True
    if changed:
        page.save_revision().publish()
        report.count("関連の更新", created=False)
