"""
Receivers that keep the search index current: publish, unpublish, delete, access changes,
and new extracted text. Connected by `connect_search_signals()` from the app's ready().
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from knowledge.models import DocumentExtraction, PublicationPage
from knowledge.search.tasks import request_index_update

DISPATCH_PREFIX = "knowledge.search"


def _publication_changed(sender, instance, **kwargs):
    request_index_update(instance.pk)


def _access_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, PublicationPage
    ):
        request_index_update(instance.pk)


def _text_extracted(sender, instance, **kwargs):
    # Extraction runs after publishing (a task); the page text reaches the index here.
    request_index_update(instance.publication_id)


_RECEIVERS = []


def search_signals_connected() -> bool:
    return bool(_RECEIVERS)


def disconnect_search_signals() -> None:
    while _RECEIVERS:
        signal, uid, sender = _RECEIVERS.pop()
        signal.disconnect(sender=sender, dispatch_uid=uid)


def connect_search_signals() -> None:
    """Idempotent: each receiver has a dispatch_uid."""
    if _RECEIVERS:
        return
    _RECEIVERS.extend(
        [
            (page_published, f"{DISPATCH_PREFIX}.published", PublicationPage),
            (page_unpublished, f"{DISPATCH_PREFIX}.unpublished", PublicationPage),
            (post_delete, f"{DISPATCH_PREFIX}.deleted", PublicationPage),
            (m2m_changed, f"{DISPATCH_PREFIX}.access", PublicationPage.allowed_groups.through),
            (post_save, f"{DISPATCH_PREFIX}.extracted", DocumentExtraction),
        ]
    )
    page_published.connect(
        _publication_changed, sender=PublicationPage, dispatch_uid=f"{DISPATCH_PREFIX}.published"
    )
    page_unpublished.connect(
        _publication_changed, sender=PublicationPage, dispatch_uid=f"{DISPATCH_PREFIX}.unpublished"
    )
    post_delete.connect(
        _publication_changed, sender=PublicationPage, dispatch_uid=f"{DISPATCH_PREFIX}.deleted"
    )
    m2m_changed.connect(
        _access_changed,
        sender=PublicationPage.allowed_groups.through,
        dispatch_uid=f"{DISPATCH_PREFIX}.access",
    )
    post_save.connect(
        _text_extracted, sender=DocumentExtraction, dispatch_uid=f"{DISPATCH_PREFIX}.extracted"
    )
