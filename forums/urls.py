"""URLs outside the page tree. Included by config.urls (language-prefixed) before Wagtail's catch-all."""

urlpatterns = []
