"""URLs outside the page tree, language-prefixed; included by config.urls before Wagtail."""

urlpatterns = []
