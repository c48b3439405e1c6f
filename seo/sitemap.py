"""The sitemap: every live public page, with what each page adds of its own
(get_sitemap_urls: the seminars and award editions that routable pages show
under their own URLs, the prefectures and municipalities of the region
pages). A fixed number of queries whatever the number of items."""

from wagtail.contrib.sitemaps import Sitemap


class PortalSitemap(Sitemap):
    # The protocol allows 50,000 URLs per file; Django's sitemap view pages
    # beyond that and the index view lists the files.
    limit = 50000

    def items(self):
        return super().items().only("url_path", "last_published_at", "latest_revision_created_at")
