"""Receivers: publishing a publication queues the extraction of its files' text."""

from django.dispatch import receiver
from wagtail.signals import page_published

from knowledge.models import PublicationPage
from knowledge.tasks import request_text_extraction


@receiver(page_published, sender=PublicationPage)
def extract_text_when_published(sender, instance, **kwargs):
    request_text_extraction(instance.pk)
