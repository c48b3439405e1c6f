"""Content events → outbox rows, in the transaction of the event."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, published, unpublished

from . import indexing
from .documents import dependents, is_indexed


def on_publish(sender, instance, **kwargs):
    if is_indexed(instance):
        indexing.record(instance)
        for item in dependents(instance):
            indexing.record(item)


def on_withdraw(sender, instance, **kwargs):
    if is_indexed(instance):
        quoting = dependents(instance) if instance.pk else []
        indexing.forget(instance)
        for item in quoting:
            indexing.record(item)


def _except_pages(handler):
    """Wagtail sends a page's publish both as page_published and as the
    generic published; the page signals alone also cover copies and aliases,
    so the generic ones are left to snippets and each publish is built once."""

    def handle(sender, instance, **kwargs):
        if not isinstance(instance, Page):
            handler(sender, instance, **kwargs)

    return handle


on_snippet_publish = _except_pages(on_publish)
on_snippet_withdraw = _except_pages(on_withdraw)


def on_move(sender, instance, **kwargs):
    indexing.record_tree(instance)


def on_restriction_change(sender, instance, **kwargs):
    indexing.record_tree(instance.page)


def connect():
    page_published.connect(on_publish, dispatch_uid="search-page-published")
    page_unpublished.connect(on_withdraw, dispatch_uid="search-page-unpublished")
    published.connect(on_snippet_publish, dispatch_uid="search-published")
    unpublished.connect(on_snippet_withdraw, dispatch_uid="search-unpublished")
    post_delete.connect(on_withdraw, dispatch_uid="search-deleted")
    post_page_move.connect(on_move, dispatch_uid="search-page-moved")
    page_slug_changed.connect(on_move, dispatch_uid="search-page-slug-changed")
    post_save.connect(on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-restriction-saved")
    post_delete.connect(on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-restriction-deleted")
