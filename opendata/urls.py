from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="opendata"),
    path("catalog.jsonld", views.catalog_jsonld, name="opendata_catalog"),
    path("<slug:slug>-utf8.csv", views.download_csv, {"bom": False}, name="opendata_csv_utf8"),
    path("<slug:slug>.csv", views.download_csv, name="opendata_csv"),
    path("<slug:slug>.json", views.download_json, name="opendata_json"),
]
