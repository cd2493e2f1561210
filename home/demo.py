"""Demo page tree: the home page in seven languages, general pages, site settings."""

from django.conf import settings
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Collection, Locale, Page, Site

from home.demo_translations import FOOTER_TRANSLATIONS, HERO_TEXTS, PAGE_TRANSLATIONS
from home.models import HomePage, SiteSettings, StandardPage

HERO_TITLES = {
    "en": "Working together against human trafficking in the Greater Mekong Sub-region",
    "km": "រួមគ្នាប្រឆាំងការជួញដូរមនុស្សនៅក្នុងអនុតំបន់មហាមេគង្គ",
    "zh-hans": "携手打击大湄公河次区域的人口拐卖",
    "lo": "ຮ່ວມກັນຕ້ານການຄ້າມະນຸດໃນອະນຸພາກພື້ນແມ່ນ້ຳຂອງ",
    "my": "မဲခေါင်ဒေသခွဲတွင် လူကုန်ကူးမှုကို အတူတကွ တိုက်ဖျက်ကြစို့",
    "th": "ร่วมกันต่อต้านการค้ามนุษย์ในอนุภูมิภาคลุ่มแม่น้ำโขง",
    "vi": "Cùng nhau phòng, chống mua bán người tại Tiểu vùng sông Mê Kông mở rộng",
}

HERO_TEXT = (
    "COMMIT is the Coordinated Mekong Ministerial Initiative against Trafficking: the "
    "governments of Cambodia, China, Lao PDR, Myanmar, Thailand and Viet Nam, working with "
    "civil society and young people under the Sub-regional Plan of Action (SPA IV). This "
    "portal holds COMMIT's research, meetings, discussions and consultations."
)

STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About COMMIT",
        "introduction": (
            "Since 2004 the six governments of the Greater Mekong Sub-region have worked "
            "together against human trafficking through COMMIT, supported by a UN secretariat."
        ),
        "body": [
            ("heading", {"text": "What COMMIT does", "level": "h2"}),
            (
                "paragraph",
                "<p>COMMIT coordinates policy and cooperation, victim protection, criminal "
                "justice and prevention across borders. Over 5,000 victims were referred "
                "through national and transnational referral mechanisms in 2014–2015.</p>",
            ),
            (
                "quote",
                {
                    "text": "No single country can end trafficking alone.",
                    "attribution": "COMMIT Senior Officials Meeting",
                },
            ),
        ],
    },
    {
        "slug": "spa-iv",
        "title": "The Sub-regional Plan of Action (SPA IV)",
        "introduction": (
            "SPA IV sets measurable targets in four areas: policy and cooperation, victim "
            "protection, criminal justice, and prevention."
        ),
        "body": [
            (
                "paragraph",
                "<p>Its results framework tracks indicators for each COMMIT country. Civil "
                "society organisations and youth delegates give input on the draft plan "
                "through consultations on this portal.</p>",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "introduction": "What the COMMIT Portal keeps about you, why, and how to take it back.",
        "show_in_menus": False,
        "body": [
            ("heading", {"text": "What we keep", "level": "h2"}),
            (
                "paragraph",
                "<p>Your email address, the name and optional pseudonym you choose, your "
                "preferred language, country and organisation, the groups you belong to, "
                "what you post and submit, and a record of changes to your access. The "
                "portal never stores case data about victims of trafficking.</p>",
            ),
            ("heading", {"text": "Who sees it", "level": "h2"}),
            (
                "paragraph",
                "<p>Other members see your display name, or in the Youth Forum your "
                "pseudonym. Moderators, safeguarding leads and the secretariat can see who "
                "is behind a pseudonym, to keep young people safe.</p>",
            ),
            ("heading", {"text": "Your choices", "level": "h2"}),
            (
                "paragraph",
                "<p>From My portal you can download everything we hold about you as JSON, "
                "change how often we email you, and delete your account. Posts stay in "
                "their discussions, shown as by a former member; submissions made for an "
                "organisation stay with the organisation.</p>",
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact the secretariat",
        "introduction": "Questions about COMMIT, membership or this portal.",
        "body": [
            (
                "paragraph",
                "<p>Write to the secretariat at the address below. We answer in English, and "
                "in the languages of the region where we can.</p>",
            ),
        ],
    },
]


def ensure_wagtail_roots() -> None:
    """
    Wagtail's root page and root collection, which its migrations create. A database
    emptied by a transactional test has lost them, and demo content needs them.
    """
    default_locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=default_locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def _ensure_home(locale: Locale) -> HomePage:
    """The English home page at the site root, replacing Wagtail's welcome page."""
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        # Wagtail's initial migration makes a placeholder "Welcome" page (slug "home")
        # as the site root; the demo home page takes its place.
        for site in Site.objects.select_related("root_page"):
            placeholder = site.root_page
            site.delete()
            if type(placeholder.specific) is Page and not placeholder.get_children().exists():
                placeholder.delete()
        home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title="COMMIT Portal",
                slug="home",
                locale=locale,
                hero_title=HERO_TITLES["en"],
                hero_text=HERO_TEXT,
            )
        )
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "COMMIT Portal",
        },
    )
    return home


def _ensure_translated_home(home: HomePage, locale: Locale) -> None:
    translation = HomePage.objects.filter(locale=locale).first()
    if translation is None:
        translation = home.copy_for_translation(locale)
        translation.hero_title = HERO_TITLES[locale.language_code]
    elif translation.hero_text != HERO_TEXT:
        return  # translated by someone: theirs stays
    translation.hero_text = HERO_TEXTS.get(locale.language_code, HERO_TEXT)
    translation.save_revision().publish()


def _ensure_standard_pages(home: HomePage, locales: dict[str, Locale]) -> None:
    for spec in STANDARD_PAGES:
        page = StandardPage.objects.filter(slug=spec["slug"], locale=home.locale).first()
        if page is None:
            page = home.add_child(
                instance=StandardPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    introduction=spec["introduction"],
                    body=spec["body"],
                    show_in_menus=spec.get("show_in_menus", True),
                )
            )
            page.save_revision().publish()
        # Until someone translates it, each language shows an alias that follows the
        # English page, so readers stay in their own language's URLs and interface.
        for code, locale in locales.items():
            if code != home.locale.language_code and not page.has_translation(locale):
                page.copy_for_translation(locale, alias=True)
        translate_demo_page(page)


def translate_demo_page(page) -> None:
    """
    Give the translations of `page` that are still aliases of the English page their
    drafted title and introduction (home/demo_translations.py). A translation someone
    already edited is not an alias any more and is left alone.
    """
    drafts = PAGE_TRANSLATIONS.get(page.slug, {})
    for translation in page.get_translations().filter(locale__language_code__in=drafts):
        translation = translation.specific
        if translation.alias_of_id is None:
            continue
        ConvertAliasPageAction(translation, user=None).execute(skip_permission_checks=True)
        translation = type(translation).objects.get(pk=translation.pk)
        translation.title, translation.introduction = drafts[translation.locale.language_code]
        translation.save_revision().publish()


def _ensure_site_settings(site: Site) -> None:
    site_settings = SiteSettings.for_site(site)
    if site_settings.privacy_page is None:
        site_settings.privacy_page = StandardPage.objects.get(
            slug="privacy", locale=site.root_page.locale
        )
        site_settings.save()
    if not site_settings.contact_email:
        site_settings.contact_email = "commit-secretariat@example.org"
        site_settings.contact_phone = "+66 2 000 0000"
        site_settings.address = "COMMIT Secretariat\nUN Building, Rajdamnern Nok Avenue\nBangkok"
        site_settings.footer_text = (
            "<p>The COMMIT Portal is run by the COMMIT secretariat. It stores no case data "
            "about victims: only published, anonymised research and aggregate figures.</p>"
        )
        site_settings.social_links = [
            ("link", {"network": "facebook", "url": "https://www.facebook.com/", "label": ""}),
            ("link", {"network": "youtube", "url": "https://www.youtube.com/", "label": ""}),
        ]
        site_settings.save()
    if not site_settings.footer_translations:
        site_settings.footer_translations = [
            ("translation", {"language": code, "text": f"<p>{text}</p>"})
            for code, text in FOOTER_TRANSLATIONS.items()
        ]
        site_settings.save()


def seed(command) -> None:
    ensure_wagtail_roots()
    locales = _ensure_locales()
    default_locale = locales[settings.LANGUAGE_CODE]
    home = _ensure_home(default_locale)
    for code, locale in locales.items():
        if code != settings.LANGUAGE_CODE:
            _ensure_translated_home(home, locale)
    _ensure_standard_pages(home, locales)
    _ensure_site_settings(Site.objects.get(is_default_site=True))
    command.stdout.write(
        f"  home page and {len(STANDARD_PAGES)} general pages in {len(locales)} languages"
    )


def alias_in_every_language(page) -> None:
    """
    Give every language this page as an alias of the English one until someone translates
    it, so /th/library/ works like /library/. For index pages whose content is queried,
    not stored on the page.
    """
    for locale in Locale.objects.exclude(pk=page.locale_id):
        if not page.has_translation(locale):
            page.copy_for_translation(locale, alias=True)
