from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from opendata import views as opendata_views
from opendata.api import api_router
from search import views as search_views
from seo import views as seo_views
from seo.sitemap import PortalSitemap
from supports import views as supports_views
from taxonomy import api as taxonomy_api

urlpatterns = [
    # Wagtail's own path for a password-protected page's form, matched first
    # so wrong passwords count towards the sign-in limit (accounts/).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        accounts_views.page_password,
        name="accounts_page_password",
    ),
    # Wagtail's account page, matched first so a wrong current password on
    # its change-password form counts towards the sign-in limit (accounts/).
    path("admin/account/", accounts_views.account, name="accounts_account"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/feed.atom", seo_views.search_feed, name="search_feed"),
    path("feeds/cases.atom", seo_views.cases_feed, name="cases_feed"),
    path("feeds/supports.atom", seo_views.programs_feed, name="programs_feed"),
    # Seminar feeds (.ics, .atom): Wagtail serves only paths ending in "/".
    path("seminars/", include("events.urls")),
    path("api/search/", search_views.search_api, name="search_api"),
    path("api/search/suggest", search_views.suggest_api, name="search_suggest"),
    path("api/supports/finder/", supports_views.finder_api, name="supports_finder_api"),
    path("api/municipalities/lookup/", taxonomy_api.municipality_lookup_api, name="municipality_lookup"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": {"pages": PortalSitemap}}, name="sitemap"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    # Nine digits at most: a larger number is no page, and SQLite cannot even compare it.
    re_path(r"^p/(?P<page_id>[0-9]{1,9})/$", seo_views.shortlink, name="shortlink"),
    path("opendata/", include("opendata.urls")),
    path("alerts/", include("alerts.urls")),
    path("desk/", include("desk.urls")),
    path("api/v2/", api_router.urls),
    path("api/openapi.json", opendata_views.openapi_json, name="openapi"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
