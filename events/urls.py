"""Feeds under the calendar page's URL. Wagtail serves only paths that end
in a slash, so URLs ending in .ics or .atom are routed here."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("calendar.ics", views.calendar_ics, name="seminar_calendar_ics"),
    path("feed.atom", views.atom_feed, name="seminar_atom_feed"),
    re_path(r"^(?P<year>\d{4})/(?P<slug>[-a-z0-9]+)\.ics$", views.seminar_ics, name="seminar_ics"),
]
