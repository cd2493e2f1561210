from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock
from portal.languages import ReaderLanguagePage
from portal.sections import home_sections


class HomePage(ReaderLanguagePage, Page):
    """The portal's front page: what COMMIT is and what the portal offers."""

    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(request)
        return context


class StandardPage(ReaderLanguagePage, Page):
    """A general content page: about COMMIT, the SPA IV plan, contact, policies."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label=_("Network"),
        choices=[
            ("facebook", "Facebook"),
            ("x", "X"),
            ("youtube", "YouTube"),
            ("linkedin", "LinkedIn"),
            ("line", "LINE"),
            ("wechat", "WeChat"),
            ("zalo", "Zalo"),
            ("other", _("Other")),
        ],
    )
    url = blocks.URLBlock(label=_("Address"))
    label = blocks.CharBlock(
        label=_("Label"), required=False, help_text=_("Shown instead of the network's name.")
    )


class FooterTranslationBlock(blocks.StructBlock):
    """The footer text in one more language; languages without one show the English."""

    language = blocks.ChoiceBlock(
        label=_("Language"), choices=[(c, n) for c, n in settings.LANGUAGES if c != "en"]
    )
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "globe"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, footer and social links shown on every page of a site."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])
    footer_translations = StreamField(
        [("translation", FooterTranslationBlock())],
        verbose_name=_("footer text in other languages"),
        blank=True,
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Linked from every page's footer."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address")],
            heading=_("Contact"),
        ),
        FieldPanel("footer_text"),
        FieldPanel("footer_translations"),
        FieldPanel("privacy_page"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def footer_in(self, language: str | None = None):
        """The footer text for readers of `language` (default: the active one)."""
        language = language or get_language()
        for block in self.footer_translations:
            if block.value["language"] == language:
                return block.value["text"].source
        return self.footer_text
