"""The home page and the default site, which every other seeded page hangs
under (seedcontent.sync.site_root finds it)."""

from wagtail.models import Page, Site

from .models import HomePage

SITE_TITLE = "ICT地域活性化ポータル"
HOME_LEAD = (
    "ICT・IoTを活用して地域の課題を解決した全国の事例と、自治体が活用できる国の支援策を、分野と地域から探せます。"
)


def load(report):
    root = Page.objects.get(depth=1)
    home = HomePage.objects.first()
    if home is None:
        # The placeholder Wagtail creates on a fresh install holds the slug
        # 'home' and has no content of ours.
        Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
        home = HomePage(title=SITE_TITLE, slug="home", lead=HOME_LEAD)
        Page.objects.get(pk=root.pk).add_child(instance=home)
        home.save_revision().publish()
        report.count("トップページ", created=True)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name=SITE_TITLE)
    elif site.root_page_id != home.pk or site.site_name != SITE_TITLE:
        site.root_page = home
        site.site_name = SITE_TITLE
        site.save()
    return home
