"""URLs outside the page tree. Included by config.urls before Wagtail's catch-all."""

from django.urls import path

from knowledge.oai import oai_pmh

app_name = "knowledge"

urlpatterns = [
    path("oai", oai_pmh, name="oai"),
]
