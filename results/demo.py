"""
Demo results framework: four SPA IV areas with realistic indicators, three reporting
periods and reports from the six countries. The figures are invented (and labelled so);
2023 and 2024 are approved and closed, 2025 is open: some approved, one submitted, one
returned, one draft, and none yet from Thailand, so the Thai demo delegate can report.
Idempotent: a framework already there is kept.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, Site

from portal.models import Country, Role, StakeholderGroup, User
from portal.page_tree import translate_demo_page
from portal.permissions import Viewer
from results import actions
from results.models import (
    Area,
    CooperationAgreement,
    CountryReport,
    Disaggregation,
    Indicator,
    IndicatorLink,
    Output,
    PolicyImprovement,
    ReportingPeriod,
    ResultsIndexPage,
)

DEMO_NOTE = "Demo data: the figures are invented for illustration."

DISAGGREGATIONS = [
    ("sex", "Sex", "F: Female\nM: Male"),
    ("age", "Age group", "child: Under 18\nadult: 18 and over"),
]

STAGES = "Not started\nDrafted\nUnder review\nAdopted\nIn force"

# area code, title, [(output code, title, [(indicator code, title, unit, baseline, target,
#   scope, disaggregations, definition)])]
FRAMEWORK = [
    ("policy", "Policy and cooperation", [
        ("1.1", "Anti-trafficking laws and policies meet international standards", [
            ("1.1.a", "Comprehensive anti-trafficking law in force", "milestone", 1, 4,
             "both", [], "Stage reached by a national law that criminalises all forms of "
             "trafficking of women, men and children, in line with the UN Trafficking Protocol."),
            ("1.1.b", "National plan of action adopted and funded", "yes_no", 0, 1, "both", [],
             "A national plan of action against trafficking is adopted and has a budget line."),
        ]),
        ("1.2", "Cross-border cooperation is formalised", [
            ("1.2.a", "Bilateral agreements and MoUs on trafficking in force (cumulative)",
             "count", 2, 6, "both", [],
             "Agreements with other countries, inside or outside COMMIT, covering "
             "identification, return or prosecution."),
        ]),
    ]),
    ("protection", "Victim protection", [
        ("2.1", "Victims are identified, referred and supported", [
            ("2.1.a", "Victims referred through national and transnational referral mechanisms",
             "count", 400, 900, "both", ["sex", "age"],
             "Number of people referred in the period (aggregate; no case data)."),
            ("2.1.b", "Share of referred victims receiving shelter or community-based support",
             "percentage", 55, 80, "both", [], "Percentage of referred victims supported."),
        ]),
    ]),
    ("justice", "Criminal justice", [
        ("3.1", "Traffickers are investigated and prosecuted", [
            ("3.1.a", "Trafficking cases prosecuted", "count", 60, 120, "both", [],
             "Cases brought to court in the period."),
            ("3.1.b", "Joint cross-border investigations", "count", 2, 8, "both", [],
             "Investigations carried out with another country's authorities."),
        ]),
    ]),
    ("prevention", "Prevention", [
        ("4.1", "Migrants and young people know how to migrate safely", [
            ("4.1.a", "People reached by safe-migration information", "count", 20000, 50000,
             "both", ["sex"], "People reached in person or by hotline in the period."),
            ("4.1.b", "Youth-led prevention campaigns run", "count", 1, 6, "both", [],
             "Campaigns designed and led with the COMMIT Youth Forum."),
        ]),
    ]),
]  # fmt: skip

# Draft translations of the demo framework, in the order of TRANSLATED_LANGUAGES; the
# secretariat's own edits in the admin win over these (see `_translate_framework`).
TRANSLATED_LANGUAGES = ("km", "zh-hans", "lo", "my", "th", "vi")
TITLE_TRANSLATIONS = {
    "policy": (
        "គោលនយោបាយ និងកិច្ចសហប្រតិបត្តិការ",
        "政策与合作",
        "ນະໂຍບາຍ ແລະ ການຮ່ວມມື",
        "မူဝါဒနှင့် ပူးပေါင်းဆောင်ရွက်မှု",
        "นโยบายและความร่วมมือ",
        "Chính sách và hợp tác",
    ),
    "protection": (
        "ការការពារជនរងគ្រោះ",
        "受害者保护",
        "ການປົກປ້ອງຜູ້ເຄາະຮ້າຍ",
        "လူကုန်ကူးခံရသူများ ကာကွယ်စောင့်ရှောက်ရေး",
        "การคุ้มครองผู้เสียหาย",
        "Bảo vệ nạn nhân",
    ),
    "justice": (
        "យុត្តិធម៌ព្រហ្មទណ្ឌ",
        "刑事司法",
        "ຍຸຕິທຳທາງອາຍາ",
        "ရာဇဝတ်တရားစီရင်ရေး",
        "กระบวนการยุติธรรมทางอาญา",
        "Tư pháp hình sự",
    ),
    "prevention": (
        "ការបង្ការ",
        "预防",
        "ການປ້ອງກັນ",
        "ကာကွယ်တားဆီးရေး",
        "การป้องกัน",
        "Phòng ngừa",
    ),
    "1.1": (
        "ច្បាប់ និងគោលនយោបាយប្រឆាំងការជួញដូរមនុស្សស្របតាមស្តង់ដារអន្តរជាតិ",
        "反人口贩运法律和政策符合国际标准",
        "ກົດໝາຍ ແລະ ນະໂຍບາຍຕ້ານການຄ້າມະນຸດສອດຄ່ອງກັບມາດຕະຖານສາກົນ",
        "လူကုန်ကူးမှု တိုက်ဖျက်ရေး ဥပဒေနှင့် မူဝါဒများ နိုင်ငံတကာ စံနှုန်းများနှင့် ကိုက်ညီခြင်း",
        "กฎหมายและนโยบายต่อต้านการค้ามนุษย์เป็นไปตามมาตรฐานสากล",
        "Luật và chính sách phòng, chống mua bán người đáp ứng tiêu chuẩn quốc tế",
    ),
    "1.2": (
        "កិច្ចសហប្រតិបត្តិការឆ្លងដែនត្រូវបានធ្វើឱ្យមានលក្ខណៈផ្លូវការ",
        "跨境合作实现制度化",
        "ການຮ່ວມມືຂ້າມຊາຍແດນເປັນທາງການ",
        "နယ်စပ်ဖြတ်ကျော် ပူးပေါင်းဆောင်ရွက်မှုကို တရားဝင် ပြုလုပ်ထားခြင်း",
        "ความร่วมมือข้ามพรมแดนเป็นทางการ",
        "Hợp tác xuyên biên giới được chính thức hóa",
    ),
    "2.1": (
        "ជនរងគ្រោះត្រូវបានកំណត់អត្តសញ្ញាណ បញ្ជូន និងគាំទ្រ",
        "受害者得到识别、转介和支持",
        "ຜູ້ເຄາະຮ້າຍໄດ້ຮັບການກຳນົດຕົວ, ສົ່ງຕໍ່ ແລະ ຊ່ວຍເຫຼືອ",
        "လူကုန်ကူးခံရသူများကို ဖော်ထုတ်၊ လွှဲပြောင်းပြီး ကူညီပံ့ပိုးခြင်း",
        "ผู้เสียหายได้รับการคัดแยก ส่งต่อ และช่วยเหลือ",
        "Nạn nhân được xác định, chuyển tuyến và hỗ trợ",
    ),
    "3.1": (
        "ជនល្មើសជួញដូរមនុស្សត្រូវបានស៊ើបអង្កេត និងចោទប្រកាន់",
        "人口贩运者受到调查和起诉",
        "ຜູ້ຄ້າມະນຸດຖືກສືບສວນ ແລະ ດຳເນີນຄະດີ",
        "လူကုန်ကူးသူများကို စုံစမ်းစစ်ဆေးပြီး တရားစွဲဆိုခြင်း",
        "ผู้ค้ามนุษย์ถูกสืบสวนและดำเนินคดี",
        "Đối tượng mua bán người bị điều tra và truy tố",
    ),
    "4.1": (
        "ជនចំណាកស្រុក និងយុវជនដឹងពីរបៀបធ្វើចំណាកស្រុកដោយសុវត្ថិភាព",
        "移民和青年了解如何安全移民",
        "ຜູ້ເຄື່ອນຍ້າຍ ແລະ ໄວໜຸ່ມຮູ້ວິທີເຄື່ອນຍ້າຍຢ່າງປອດໄພ",
        "ရွှေ့ပြောင်းသွားလာသူများနှင့် လူငယ်များ ဘေးကင်းစွာ ရွှေ့ပြောင်းနည်းကို သိရှိခြင်း",
        "ผู้ย้ายถิ่นและเยาวชนรู้วิธีย้ายถิ่นอย่างปลอดภัย",
        "Người di cư và thanh niên biết cách di cư an toàn",
    ),
    "1.1.a": (
        "ច្បាប់ប្រឆាំងការជួញដូរមនុស្សដ៏ទូលំទូលាយចូលជាធរមាន",
        "全面的反人口贩运法律生效",
        "ກົດໝາຍຕ້ານການຄ້າມະນຸດທີ່ຄົບຖ້ວນມີຜົນບັງຄັບໃຊ້",
        "ပြည့်စုံသော လူကုန်ကူးမှု တိုက်ဖျက်ရေး ဥပဒေ အာဏာတည်ခြင်း",
        "กฎหมายต่อต้านการค้ามนุษย์ที่ครอบคลุมมีผลใช้บังคับ",
        "Luật phòng, chống mua bán người toàn diện có hiệu lực",
    ),
    "1.1.b": (
        "ផែនការសកម្មភាពជាតិត្រូវបានអនុម័ត និងមានថវិកា",
        "国家行动计划获得通过并有资金保障",
        "ແຜນປະຕິບັດງານແຫ່ງຊາດໄດ້ຮັບການຮັບຮອງ ແລະ ມີງົບປະມານ",
        "အမျိုးသား လုပ်ငန်းစီမံချက်ကို အတည်ပြုပြီး ရန်ပုံငွေ ခွဲဝေထားခြင်း",
        "แผนปฏิบัติการระดับชาติได้รับการรับรองและมีงบประมาณ",
        "Kế hoạch hành động quốc gia được thông qua và có kinh phí",
    ),
    "1.2.a": (
        "កិច្ចព្រមព្រៀងទ្វេភាគី និងអនុស្សរណៈនៃការយោគយល់គ្នាស្តីពីការជួញដូរមនុស្សដែលចូលជាធរមាន (សរុបបូកបន្ត)",
        "现行有效的双边反人口贩运协定和谅解备忘录（累计）",
        "ສັນຍາສອງຝ່າຍ ແລະ ບົດບັນທຶກຄວາມເຂົ້າໃຈກ່ຽວກັບການຄ້າມະນຸດທີ່ມີຜົນບັງຄັບໃຊ້ (ສະສົມ)",
        "အာဏာတည်နေသော လူကုန်ကူးမှုဆိုင်ရာ နှစ်နိုင်ငံ သဘောတူညီချက်များနှင့် နားလည်မှု စာချွန်လွှာများ (စုစုပေါင်း)",
        "ความตกลงทวิภาคีและบันทึกความเข้าใจว่าด้วยการค้ามนุษย์ที่มีผลใช้บังคับ (สะสม)",
        "Hiệp định song phương và bản ghi nhớ về mua bán người đang có hiệu lực (lũy kế)",
    ),
    "2.1.a": (
        "ជនរងគ្រោះដែលត្រូវបានបញ្ជូនតាមរយៈយន្តការបញ្ជូនថ្នាក់ជាតិ និងឆ្លងដែន",
        "通过国家和跨国转介机制转介的受害者",
        "ຜູ້ເຄາະຮ້າຍທີ່ໄດ້ຮັບການສົ່ງຕໍ່ຜ່ານກົນໄກການສົ່ງຕໍ່ລະດັບຊາດ ແລະ ຂ້າມຊາດ",
        "နိုင်ငံအဆင့်နှင့် နိုင်ငံဖြတ်ကျော် လွှဲပြောင်းရေး ယန္တရားများမှတစ်ဆင့် လွှဲပြောင်းခံရသော လူကုန်ကူးခံရသူများ",
        "ผู้เสียหายที่ได้รับการส่งต่อผ่านกลไกการส่งต่อระดับชาติและข้ามชาติ",
        "Nạn nhân được chuyển tuyến qua cơ chế chuyển tuyến quốc gia và xuyên quốc gia",
    ),
    "2.1.b": (
        "សមាមាត្រជនរងគ្រោះដែលបានបញ្ជូន ដែលទទួលបានទីជម្រក ឬការគាំទ្រផ្អែកលើសហគមន៍",
        "获得庇护所或社区支持的被转介受害者比例",
        "ອັດຕາສ່ວນຜູ້ເຄາະຮ້າຍທີ່ຖືກສົ່ງຕໍ່ ທີ່ໄດ້ຮັບທີ່ພັກອາໄສ ຫຼື ການຊ່ວຍເຫຼືອໃນຊຸມຊົນ",
        "လွှဲပြောင်းခံရသူများအနက် ခိုလှုံရာနေရာ သို့မဟုတ် ရပ်ရွာအခြေပြု အကူအညီ ရရှိသူ အချိုးအစား",
        "สัดส่วนผู้เสียหายที่ได้รับการส่งต่อซึ่งได้รับที่พักพิงหรือความช่วยเหลือในชุมชน",
        "Tỷ lệ nạn nhân được chuyển tuyến nhận được nơi tạm lánh hoặc hỗ trợ tại cộng đồng",
    ),
    "3.1.a": (
        "សំណុំរឿងជួញដូរមនុស្សដែលត្រូវបានចោទប្រកាន់",
        "起诉的人口贩运案件",
        "ຄະດີການຄ້າມະນຸດທີ່ໄດ້ສົ່ງຟ້ອງ",
        "တရားစွဲဆိုခဲ့သော လူကုန်ကူးမှု အမှုများ",
        "คดีค้ามนุษย์ที่มีการฟ้องร้องดำเนินคดี",
        "Số vụ mua bán người bị truy tố",
    ),
    "3.1.b": (
        "ការស៊ើបអង្កេតរួមគ្នាឆ្លងដែន",
        "跨境联合调查",
        "ການສືບສວນຮ່ວມກັນຂ້າມຊາຍແດນ",
        "နယ်စပ်ဖြတ်ကျော် ပူးတွဲ စုံစမ်းစစ်ဆေးမှုများ",
        "การสืบสวนร่วมข้ามพรมแดน",
        "Các cuộc điều tra chung xuyên biên giới",
    ),
    "4.1.a": (
        "ចំនួនមនុស្សដែលទទួលបានព័ត៌មានអំពីការធ្វើចំណាកស្រុកដោយសុវត្ថិភាព",
        "获得安全移民信息的人数",
        "ຈຳນວນຄົນທີ່ໄດ້ຮັບຂໍ້ມູນກ່ຽວກັບການເຄື່ອນຍ້າຍຢ່າງປອດໄພ",
        "ဘေးကင်းသော ရွှေ့ပြောင်းသွားလာမှုဆိုင်ရာ သတင်းအချက်အလက် ရရှိသူများ",
        "จำนวนผู้ที่ได้รับข้อมูลการย้ายถิ่นอย่างปลอดภัย",
        "Số người được tiếp cận thông tin về di cư an toàn",
    ),
    "4.1.b": (
        "យុទ្ធនាការបង្ការដែលដឹកនាំដោយយុវជនដែលបានអនុវត្ត",
        "开展的青年主导预防宣传活动",
        "ການໂຄສະນາປ້ອງກັນທີ່ນຳພາໂດຍໄວໜຸ່ມທີ່ໄດ້ດຳເນີນ",
        "လူငယ်များ ဦးဆောင်သော ကာကွယ်တားဆီးရေး လှုံ့ဆော်မှုများ",
        "การรณรงค์ป้องกันที่นำโดยเยาวชนที่จัดขึ้น",
        "Số chiến dịch phòng ngừa do thanh niên dẫn dắt đã thực hiện",
    ),
    # Disaggregations
    "sex": ("ភេទ", "性别", "ເພດ", "ကျား/မ", "เพศ", "Giới tính"),
    "age": ("ក្រុមអាយុ", "年龄组", "ກຸ່ມອາຍຸ", "အသက်အုပ်စု", "กลุ่มอายุ", "Nhóm tuổi"),
}
CATEGORY_TRANSLATIONS = {
    "sex": {
        "F": ("ស្រី", "女", "ຍິງ", "အမျိုးသမီး", "หญิง", "Nữ"),
        "M": ("ប្រុស", "男", "ຊາຍ", "အမျိုးသား", "ชาย", "Nam"),
    },
    "age": {
        "child": (
            "ក្រោម ១៨ ឆ្នាំ",
            "18岁以下",
            "ຕ່ຳກວ່າ 18 ປີ",
            "အသက် ၁၈ နှစ်အောက်",
            "อายุต่ำกว่า 18 ปี",
            "Dưới 18 tuổi",
        ),
        "adult": (
            "១៨ ឆ្នាំឡើងទៅ",
            "18岁及以上",
            "18 ປີຂຶ້ນໄປ",
            "အသက် ၁၈ နှစ်နှင့်အထက်",
            "อายุ 18 ปีขึ้นไป",
            "Từ 18 tuổi trở lên",
        ),
    },
}

COUNTRY_CODES = ["KH", "CN", "LA", "MM", "TH", "VN"]
# 2025: what state each country's report is left in (None: not started).
STATE_2025 = {
    "KH": "approved",
    "CN": "submitted",
    "LA": "approved",
    "MM": "draft",
    "TH": None,
    "VN": "returned",
}


def seed(command) -> None:
    grant_secretariat_editing(StakeholderGroup.objects.filter(role=Role.SECRETARIAT).first())
    _menu_page()
    if Area.objects.exists():
        _translate_framework()
        command.stdout.write("  results framework kept")
        return
    disaggregations = {
        code: Disaggregation.objects.create(code=code, title=title, categories=categories)
        for code, title, categories in DISAGGREGATIONS
    }
    indicators = []
    for area_order, (area_code, area_title, outputs) in enumerate(FRAMEWORK):
        area = Area.objects.create(
            code=area_code, title=area_title, description=DEMO_NOTE, sort_order=area_order
        )
        for output_order, (output_code, output_title, specs) in enumerate(outputs):
            output = Output.objects.create(
                area=area, code=output_code, title=output_title, sort_order=output_order
            )
            for order, (code, title, unit, baseline, target, scope, dis, definition) in enumerate(
                specs
            ):
                indicator = Indicator.objects.create(
                    output=output,
                    code=code,
                    title=title,
                    definition=definition,
                    unit=unit,
                    milestone_stages=STAGES if unit == "milestone" else "",
                    baseline=baseline,
                    baseline_year=2022,
                    target=target,
                    target_year=2027,
                    scope=scope,
                    sort_order=order,
                )
                indicator.disaggregations.set([disaggregations[name] for name in dis])
                indicators.append(indicator)
    _translate_framework()
    _registers(indicators)
    _links(indicators)
    _reports(indicators)
    command.stdout.write(
        f"  results framework: {len(FRAMEWORK)} areas, {len(indicators)} indicators, "
        f"{CountryReport.objects.count()} demo reports"
    )


def grant_secretariat_editing(group: StakeholderGroup | None) -> None:
    if group is None:
        return
    for permission in Permission.objects.filter(content_type__app_label="results"):
        group.auth_group.permissions.add(permission)


def _menu_page() -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    home = site.root_page
    page = ResultsIndexPage.objects.filter(locale=home.locale).first()
    if page is None:
        page = home.add_child(
            instance=ResultsIndexPage(title="Results", slug="results", show_in_menus=True)
        )
        page.save_revision().publish()
    for locale in Locale.objects.exclude(pk=home.locale_id):
        if not page.has_translation(locale) and home.has_translation(locale):
            page.copy_for_translation(locale, alias=True)
    # The menu reads "ผลการดำเนินงาน" under /th/, not "Results" (drafted titles).
    translate_demo_page(page)


def _drafts(code: str) -> dict[str, str]:
    return dict(zip(TRANSLATED_LANGUAGES, TITLE_TRANSLATIONS.get(code, ()), strict=False))


def _translate_framework() -> None:
    """Draft titles (and category labels) in the six languages; edits made in the admin win."""
    for model in (Area, Output, Indicator, Disaggregation):
        for item in model.objects.all():
            drafts = _drafts(item.code)
            if not drafts:
                continue
            item.title_translations = {**drafts, **(item.title_translations or {})}
            fields = ["title_translations"]
            if isinstance(item, Disaggregation):
                categories = CATEGORY_TRANSLATIONS.get(item.code, {})
                existing = item.category_translations or {}
                item.category_translations = {
                    **existing,
                    **{
                        language: {
                            **{code: labels[index] for code, labels in categories.items()},
                            **existing.get(language, {}),
                        }
                        for index, language in enumerate(TRANSLATED_LANGUAGES)
                    },
                }
                fields.append("category_translations")
            item.save(update_fields=fields)


def _value(indicator: Indicator, country_index: int, year_index: int) -> Decimal:
    """An invented figure that moves towards the target over the years, per country."""
    baseline, target = indicator.baseline, indicator.target
    if indicator.unit == "yes_no":
        return Decimal(1 if (country_index + year_index) % 3 != 0 else 0)
    if indicator.unit == "milestone":
        return Decimal(min(4, 1 + (country_index + year_index) % 3 + year_index // 2))
    share = Decimal(15 + 20 * year_index + 7 * country_index) / 100
    value = baseline + (target - baseline) * share
    if indicator.unit == "percentage":
        return value.quantize(Decimal("0.1"))
    return value.quantize(Decimal(1))


def _typed(indicators, country_index, year_index):
    typed = {}
    for indicator in indicators:
        value = _value(indicator, country_index, year_index)
        entry = actions.TypedIndicator(value=f"{value.normalize():f}", note=DEMO_NOTE)
        for disaggregation in indicator.disaggregations.all():
            categories = disaggregation.category_list()
            first_share = Decimal("0.6") if disaggregation.code == "sex" else Decimal("0.3")
            first = (value * first_share).quantize(Decimal(1))
            entry.disaggregated[f"{disaggregation.code}:{categories[0][0]}"] = f"{first:f}"
            entry.disaggregated[f"{disaggregation.code}:{categories[1][0]}"] = f"{value - first:f}"
        typed[indicator.pk] = entry
    return typed


def _reports(indicators) -> None:
    today = timezone.localdate()
    periods = []
    for year in (2023, 2024, 2025):
        periods.append(
            ReportingPeriod.objects.create(
                label=str(year),
                starts_on=date(year, 1, 1),
                ends_on=date(year, 12, 31),
                deadline=today + timedelta(days=21) if year == 2025 else date(year + 1, 3, 31),
                is_open=True,
            )
        )
    secretariat = Viewer(
        user=User.objects.filter(email="secretariat@example.org").first(),
        roles=frozenset({Role.SECRETARIAT}),
    )
    thai_delegate = User.objects.filter(email="gov.th@example.org").first()
    for year_index, period in enumerate(periods):
        for country_index, code in enumerate(COUNTRY_CODES):
            state = "approved" if year_index < 2 else STATE_2025[code]
            if state is None:
                continue
            country = Country.objects.get(code=code)
            delegate = Viewer(
                user=thai_delegate if code == "TH" else None,
                roles=frozenset({Role.GOVERNMENT}),
                government_countries=frozenset({code}),
            )
            report = actions.do_save_report(
                delegate,
                period=period,
                country=country,
                typed=_typed(indicators, country_index, year_index),
                narrative=f"{DEMO_NOTE} {country.name} reports its {period.label} progress.",
                links=[("https://example.org/demo-evidence", "Demo evidence")],
            )
            if state == "draft":
                continue
            actions.do_submit_report(delegate, report)
            if state == "approved":
                actions.do_approve_report(secretariat, report)
            elif state == "returned":
                actions.do_return_report(
                    secretariat,
                    report,
                    comments="Please give the breakdown by sex for indicator 2.1.a and a "
                    "source for 3.1.a.",
                )
    for period in periods[:2]:
        period.is_open = False
        period.save()


def _registers(indicators) -> None:
    by_code = {indicator.code: indicator for indicator in indicators}
    countries = {country.code: country for country in Country.objects.all()}
    for code, instrument, stage, when, indicator_codes in [
        ("LA", "Law on Anti-Trafficking in Persons", "in_force", date(2016, 3, 1), ["1.1.a"]),
        ("VN", "Penal Code amendment covering the trafficking of men", "in_force",
         date(2018, 1, 1), ["1.1.a"]),
        ("TH", "Anti-Trafficking in Persons Act amendment (forced labour)", "adopted",
         date(2024, 6, 1), ["1.1.a", "3.1.a"]),
        ("KH", "National Plan of Action 2024–2028", "adopted", date(2024, 2, 1), ["1.1.b"]),
    ]:  # fmt: skip
        if code not in countries:
            continue
        item = PolicyImprovement.objects.create(
            country=countries[code],
            instrument=instrument,
            stage=stage,
            date=when,
            description=DEMO_NOTE,
        )
        item.indicators.set([by_code[c] for c in indicator_codes])
    for title, parties, kind, status, when in [
        ("Viet Nam–Malaysia MoU on preventing and combating trafficking in persons",
         ["VN", "MY"], "mou", "in_force", date(2015, 11, 1)),
        ("Cambodia–Thailand MoU on cooperation against trafficking", ["KH", "TH"], "mou",
         "in_force", date(2014, 12, 1)),
        ("Lao PDR–Thailand standard operating procedures for the return of victims",
         ["LA", "TH"], "sop", "signed", date(2024, 9, 1)),
    ]:  # fmt: skip
        if not all(code in countries for code in parties):
            continue
        agreement = CooperationAgreement.objects.create(
            title=title, type=kind, status=status, date=when
        )
        agreement.parties.set([countries[code] for code in parties])
        agreement.indicators.set([by_code["1.2.a"], by_code["3.1.b"]])


# What the demo's indicators are referenced from: (app label, model, lookup, indicator).
# The repatriation decision sits in the SOM's adopted minutes: the secretariat sees it
# there, delegates and the public once the minutes are published. The other two are public.
DEMO_LINKS = (
    ("knowledge", "publicationpage", {"slug": "referral-mechanisms"}, "2.1.a"),
    ("meetings", "decision", {"text__startswith": "Coordinate the repatriation"}, "3.1.b"),
    ("consultations", "draftparagraph", {}, "2.1.a"),
)


def _links(indicators) -> None:
    """
    A few references from the rest of the demo, so an indicator page shows where it was
    discussed, each to the readers its own app lets see it (looked up by name: this app
    never imports the others).
    """
    by_code = {indicator.code: indicator for indicator in indicators}
    for app_label, model_name, lookup, code in DEMO_LINKS:
        model = apps.get_model(app_label, model_name)
        item = model.objects.filter(**lookup).order_by("pk").first()
        if item is None or code not in by_code:
            continue
        IndicatorLink.objects.get_or_create(
            indicator=by_code[code],
            content_type=ContentType.objects.get_for_model(model),
            object_id=item.pk,
        )
