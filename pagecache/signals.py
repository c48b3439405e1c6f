"""Content events that change what an anonymous visitor sees."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, published, unpublished

from .generation import bump_on_commit

# Vocabulary shown on every list (分野 names, regions) lives in this app.
VOCABULARY_APP = "taxonomy"


def on_change(sender, **kwargs):
    bump_on_commit()


def on_vocabulary_change(sender, **kwargs):
    if sender._meta.app_label == VOCABULARY_APP:
        bump_on_commit()


def connect():
    for signal, uid in [
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (published, "snippet-published"),
        (unpublished, "snippet-unpublished"),
        (post_page_move, "moved"),
        (page_slug_changed, "slug-changed"),
    ]:
        signal.connect(on_change, dispatch_uid=f"pagecache-{uid}")
    post_delete.connect(on_change, sender=Page, dispatch_uid="pagecache-page-deleted")
    post_save.connect(on_change, sender=PageViewRestriction, dispatch_uid="pagecache-restriction-saved")
    post_delete.connect(on_change, sender=PageViewRestriction, dispatch_uid="pagecache-restriction-deleted")
    post_save.connect(on_vocabulary_change, dispatch_uid="pagecache-vocabulary-saved")
    post_delete.connect(on_vocabulary_change, dispatch_uid="pagecache-vocabulary-deleted")
