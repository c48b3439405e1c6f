"""The sitemap: every live public page, plus the seminars and award editions
that routable pages show under their own URLs. Three queries whatever the
number of items."""

from wagtail.contrib.sitemaps import Sitemap


class PortalSitemap(Sitemap):
    # The protocol allows 50,000 URLs per file; Django's sitemap view pages
    # beyond that and the index view lists the files.
    limit = 50000

    def items(self):
        return super().items().only("url_path", "last_published_at", "latest_revision_created_at")

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        if page == 1:
            urls += self._snippet_urls()
        return urls

    def _snippet_urls(self):
        from awards.models import Award, AwardArchivePage
        from events.models import Seminar, SeminarCalendarPage

        urls = []
        for page_model, model in ((SeminarCalendarPage, Seminar), (AwardArchivePage, Award)):
            page = page_model.objects.live().public().first()
            if page is None:
                continue
            base = page.get_full_url(self.request)
            for item in model.objects.public().order_by("pk"):
                urls.append({"location": item.path_under(base), "lastmod": item.last_published_at, "item": item})
        return urls
