"""URLs outside the page tree. Included by config.urls before Wagtail's catch-all."""

urlpatterns = []
