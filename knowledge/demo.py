"""Demo library: about thirty publications across the themes and all seven languages."""

# The publication table reads best one record per line.
# ruff: noqa: E501

from datetime import date

from knowledge.actions import PublicationData, do_save_publication, do_store_document_bytes
from knowledge.models import (
    ExploitationForm,
    LibraryIndexPage,
    Licence,
    PublicationPage,
    PublicationType,
    SpaArea,
)
from knowledge.sample_pdfs import latin_pdf, text_layer_pdf
from portal.models import AccessLevel, Country, Organisation, StakeholderGroup
from portal.page_tree import alias_in_every_language, site_home_page, translate_demo_page

PUBLISHER = "COMMIT Secretariat"
# slug, language, title, type, areas, forms, countries, year, summary, access, edition_of
PUBLICATIONS = [
    ("fishing-islands", "en", "Stranded at sea: trafficking in the Mekong fishing fleets", "research-report", ["protection", "justice"], ["fishing-and-seafood", "forced-labour"], ["TH", "MM", "KH", "ID"], 2016, "How fishermen from Thailand, Myanmar and Cambodia came to be stranded on remote islands, and what brought them home.", "public", ""),
    ("fishing-islands-th", "th", "ติดอยู่กลางทะเล: การค้ามนุษย์ในกองเรือประมงลุ่มน้ำโขง", "research-report", ["protection", "justice"], ["fishing-and-seafood", "forced-labour"], ["TH", "MM", "KH", "ID"], 2016, "ชาวประมงจากไทย เมียนมา และกัมพูชาที่ติดอยู่บนเกาะห่างไกล และการนำพวกเขากลับบ้าน", "public", "fishing-islands"),
    ("fishing-islands-my", "my", "ပင်လယ်ပြင်တွင် ပိတ်မိနေခြင်း - ငါးဖမ်းလုပ်ငန်းတွင် လူကုန်ကူးမှု", "research-report", ["protection"], ["fishing-and-seafood"], ["TH", "MM"], 2016, "ဝေးလံသော ကျွန်းများတွင် ပိတ်မိနေသော ငါးဖမ်းသမားများအကြောင်း သုတေသန။", "public", "fishing-islands"),
    ("fishing-islands-km", "km", "ជាប់គាំងនៅសមុទ្រ៖ ការជួញដូរមនុស្សក្នុងវិស័យនេសាទ", "research-report", ["protection"], ["fishing-and-seafood"], ["TH", "KH"], 2016, "អ្នកនេសាទកម្ពុជាដែលជាប់គាំងនៅលើកោះដាច់ស្រយាល។", "public", "fishing-islands"),
    ("seafood-processing-brief", "en", "Seafood processing: forced labour risks on shore", "policy-brief", ["prevention", "policy"], ["fishing-and-seafood", "forced-labour"], ["TH"], 2018, "Recruitment fees, withheld documents and debt in seafood processing, with recommendations for buyers.", "public", ""),
    ("brokered-marriage", "en", "Brokered marriage from Myanmar, Viet Nam and Cambodia to China", "research-report", ["protection", "justice"], ["forced-marriage"], ["MM", "VN", "KH", "CN"], 2019, "Routes, brokers and the experiences of women who returned, with referral pathways that worked.", "public", ""),
    ("brokered-marriage-zh", "zh-hans", "从缅甸、越南和柬埔寨到中国的中介婚姻", "research-report", ["protection", "justice"], ["forced-marriage"], ["MM", "VN", "KH", "CN"], 2019, "中介、路线以及回国妇女的经历，以及行之有效的转介途径。", "public", "brokered-marriage"),
    ("brokered-marriage-vi", "vi", "Hôn nhân qua môi giới từ Myanmar, Việt Nam và Campuchia sang Trung Quốc", "research-report", ["protection"], ["forced-marriage"], ["VN", "CN"], 2019, "Tuyến đường, người môi giới và trải nghiệm của những phụ nữ đã trở về.", "public", "brokered-marriage"),
    ("lao-labour-migration", "en", "Labour migration from Lao PDR to Thailand: vulnerability and safe migration", "research-report", ["prevention"], ["forced-labour", "domestic-servitude"], ["LA", "TH"], 2017, "Why young Lao workers migrate irregularly, and which safe-migration messages reached them.", "public", ""),
    ("lao-labour-migration-lo", "lo", "ການເຄື່ອນຍ້າຍແຮງງານຈາກລາວໄປໄທ", "research-report", ["prevention"], ["forced-labour"], ["LA", "TH"], 2017, "ເປັນຫຍັງແຮງງານໜຸ່ມລາວຈຶ່ງເຄື່ອນຍ້າຍແບບບໍ່ປົກກະຕິ.", "public", "lao-labour-migration"),
    ("cambodia-construction", "en", "Cambodian construction workers in Thailand: debt and deception", "research-report", ["prevention", "protection"], ["forced-labour"], ["KH", "TH"], 2018, "Debt bondage among Cambodian construction workers and the role of informal recruiters.", "public", ""),
    ("andaman-2015", "en", "The 2015 Andaman Sea crisis: mixed migration and smuggling at sea", "research-report", ["policy", "protection"], ["forced-labour"], ["MM", "TH", "MY", "ID", "BD"], 2016, "What happened when boats were abandoned at sea in May 2015, and the regional response.", "public", ""),
    ("scam-compounds", "en", "Forced criminality in online scam compounds", "research-report", ["justice", "protection"], ["forced-criminality"], ["KH", "MM", "LA", "TH", "CN"], 2023, "How people are recruited with fake job offers and forced to run online scams, and how they are identified as victims.", "public", ""),
    ("scam-compounds-brief", "en", "Identifying victims of forced criminality: a brief for front-line officers", "guideline-or-toolkit", ["justice", "protection"], ["forced-criminality"], ["KH", "MM", "LA", "TH"], 2024, "Indicators that separate victims from offenders in scam compound raids.", "members", ""),
    ("scam-compounds-zh", "zh-hans", "网络诈骗园区中的强迫犯罪", "research-report", ["justice"], ["forced-criminality"], ["KH", "MM", "CN"], 2023, "虚假招聘如何把人带进诈骗园区，以及如何识别受害者。", "public", "scam-compounds"),
    ("child-trafficking-border", "en", "Child trafficking at the Cambodia–Thailand border", "research-report", ["protection", "prevention"], ["child-trafficking", "forced-begging"], ["KH", "TH"], 2015, "Children moved across the border for begging and street selling; what child protection services found.", "public", ""),
    ("forced-begging-brief", "en", "Forced begging in Mekong cities", "policy-brief", ["prevention"], ["forced-begging", "child-trafficking"], ["TH", "VN", "KH"], 2017, "Who organises forced begging and which city programmes reduced it.", "public", ""),
    ("sexual-exploitation-online", "en", "Online sexual exploitation of children: trends in the region", "data-and-statistics", ["research-and-data", "protection"], ["sexual-exploitation", "child-trafficking"], ["TH", "VN", "KH", "LA"], 2022, "Aggregate referral figures and platform reports, 2018–2021. No case data.", "public", ""),
    ("domestic-servitude", "en", "Domestic workers behind closed doors", "research-report", ["protection"], ["domestic-servitude"], ["MM", "LA", "TH", "MY"], 2020, "Live-in domestic workers from Myanmar and Lao PDR: isolation, withheld wages and exit routes.", "public", ""),
    ("referral-mechanisms", "en", "National and transnational referral mechanisms: a review", "research-report", ["protection", "policy"], ["forced-labour", "sexual-exploitation"], ["KH", "CN", "LA", "MM", "TH", "VN"], 2016, "Over 5,000 victims were referred in 2014–2015; what made referrals work across borders.", "public", ""),
    ("victim-identification-guide", "en", "Common guidelines on victim identification", "guideline-or-toolkit", ["protection"], ["forced-labour", "forced-marriage", "sexual-exploitation"], ["KH", "CN", "LA", "MM", "TH", "VN"], 2017, "Shared indicators and interview practice agreed by the six COMMIT countries.", "public", ""),
    ("victim-identification-guide-km", "km", "គោលការណ៍ណែនាំរួមស្តីពីការកំណត់អត្តសញ្ញាណជនរងគ្រោះ", "guideline-or-toolkit", ["protection"], ["forced-labour"], ["KH"], 2017, "សូចនាករ និងការសម្ភាសដែលប្រទេស COMMIT ទាំងប្រាំមួយបានឯកភាព។", "public", "victim-identification-guide"),
    ("lao-anti-trafficking-law", "en", "Lao PDR's first anti-trafficking law: an overview", "legal-text", ["policy", "justice"], [], ["LA"], 2016, "The main provisions of the law and what changed for prosecutors and victims.", "public", ""),
    ("vietnam-penal-code", "en", "Viet Nam's penal code now covers trafficking of men", "policy-brief", ["policy", "justice"], ["forced-labour"], ["VN"], 2016, "The amendment, the cases it made possible, and remaining gaps.", "public", ""),
    ("vietnam-malaysia-mou", "en", "The Viet Nam–Malaysia memorandum of understanding on trafficking", "legal-text", ["policy"], ["forced-labour"], ["VN", "MY"], 2015, "What the MoU commits both governments to, including repatriation.", "public", ""),
    ("cross-border-prosecution", "en", "Cross-border investigation and prosecution: lessons from joint cases", "research-report", ["justice"], ["forced-labour", "forced-marriage"], ["CN", "VN", "MM"], 2021, "Joint investigations between COMMIT countries: evidence sharing, witness protection and timelines.", "public", ""),
    ("youth-prevention-toolkit", "en", "Youth-led prevention campaigns: a toolkit", "training-material", ["prevention", "youth"], ["forced-labour", "sexual-exploitation"], ["VN", "KH", "TH"], 2022, "How COMMIT Youth Forum delegates ran safe-migration campaigns in schools and online.", "public", ""),
    ("cso-platform-report", "en", "Civil Society Platform to COMMIT: annual report", "meeting-report", ["civil-society"], [], ["KH", "LA", "MM", "TH", "VN"], 2023, "Input from civil society to SPA IV monitoring and the response of the secretariat.", "members", ""),
    ("spa-iv-progress-th", "en", "SPA IV progress: Thailand's indicators (draft for the Senior Officials Meeting)", "data-and-statistics", ["policy", "research-and-data"], [], ["TH"], 2024, "Draft figures against SPA IV targets, for the Thai delegation's review before the SOM.", "groups", ""),
    ("som-briefing-note", "en", "Senior Officials Meeting briefing note", "meeting-report", ["policy"], [], ["KH", "CN", "LA", "MM", "TH", "VN"], 2024, "Background and proposed decisions for the Senior Officials Meeting.", "groups", ""),
]  # fmt: skip


def ensure_library_page() -> LibraryIndexPage:
    """The research library's page under the home page (also `manage.py init_site`)."""
    home = site_home_page()
    index = LibraryIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=LibraryIndexPage(
                title="Research library",
                slug="library",
                introduction=(
                    "Research, policy briefs, guidelines and data on human trafficking in the "
                    "Greater Mekong Sub-region, in English and the languages of the region."
                ),
                show_in_menus=True,
            )
        )
        index.save_revision().publish()
    alias_in_every_language(index)
    translate_demo_page(index)
    return index


def _pdf(language: str, title: str, summary: str) -> bytes:
    pages = [title, summary, f"{PUBLISHER}. {title}."]
    if language == "en":
        return latin_pdf(pages, title=title)
    return text_layer_pdf(pages)


def seed(command) -> None:
    index = ensure_library_page()
    countries = {country.code: country for country in Country.objects.all()}
    areas = {term.slug: term for term in SpaArea.objects.all()}
    forms = {term.slug: term for term in ExploitationForm.objects.all()}
    types = {term.slug: term for term in PublicationType.objects.all()}
    research_institute = Organisation.objects.filter(name__startswith="Regional Research").first()
    government_groups = list(StakeholderGroup.objects.filter(role="government"))
    created = 0
    for (
        slug, language, title, type_slug, area_slugs, form_slugs, codes, year, summary, access,
        original,
    ) in PUBLICATIONS:  # fmt: skip
        # Idempotent: a publication already in the library is left as editors may have changed it.
        if PublicationPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        document = do_store_document_bytes(
            f"{slug}.pdf", _pdf(language, title, summary), title=title
        )
        data = PublicationData(
            slug=slug,
            title=title,
            summary=summary,
            publisher=PUBLISHER,
            publication_date=date(year, 6, 1),
            language=language,
            publication_type=types.get(type_slug),
            countries=[countries[code] for code in codes if code in countries],
            areas=[areas[a] for a in area_slugs],
            forms=[forms[f] for f in form_slugs],
            tags=[*form_slugs[:1], "demo"],
            authors=[("", research_institute)] if research_institute else [(PUBLISHER, None)],
            documents=[(document, "Full report", language)],
            licence=Licence.CC_BY if access == "public" else "",
            access_level=access,
            allowed_groups=government_groups if access == AccessLevel.GROUPS else [],
            edition_of=PublicationPage.objects.filter(slug=original).first() if original else None,
        )
        do_save_publication(None, index, data)
        created += 1
    command.stdout.write(
        f"  library: {created} publications added, {len(PUBLICATIONS) - created} kept"
    )
