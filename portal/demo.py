"""Demo countries, organisations, stakeholder groups and one account per role."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings

from portal.actions import do_grant_membership
from portal.cldr import country_name
from portal.models import Country, Organisation, Role, StakeholderGroup, User
from portal.page_tree import ensure_wagtail_roots

COUNTRIES = [
    ("KH", "Cambodia", True),
    ("CN", "China", True),
    ("LA", "Lao PDR", True),
    ("MM", "Myanmar", True),
    ("TH", "Thailand", True),
    ("VN", "Viet Nam", True),
    ("MY", "Malaysia", False),
    ("ID", "Indonesia", False),
    ("BD", "Bangladesh", False),
]

ORGANISATIONS = [
    # name, type, country
    ("COMMIT Secretariat (demo)", Organisation.Type.UN, "TH"),
    ("Thailand Ministry of Social Development and Human Security (demo)", "government", "TH"),
    ("Mekong Migrant Rights Network (demo)", Organisation.Type.CSO, "KH"),
    ("Mekong Youth Voices (demo)", Organisation.Type.YOUTH, "VN"),
    ("Regional Research Institute on Migration (demo)", Organisation.Type.ACADEMIC, "TH"),
]

GROUPS = [
    # name, role, country code, open to requests
    ("Secretariat", Role.SECRETARIAT, None, False),
    *[
        (f"Government delegates — {name}", Role.GOVERNMENT, code, True)
        for code, name, member in COUNTRIES
        if member
    ],
    ("CSO members", Role.CSO, None, True),
    ("Youth delegates", Role.YOUTH, None, True),
    ("Moderators", Role.MODERATOR, None, False),
    ("Safeguarding leads", Role.SAFEGUARDING, None, False),
]

# Draft names of the demo groups in the six languages of the region (for review by native
# speakers). A government delegation's name is built with the country's CLDR name.
GROUP_TRANSLATIONS = {
    "Secretariat": {
        "km": "លេខាធិការដ្ឋាន",
        "zh-hans": "秘书处",
        "lo": "ກອງເລຂາ",
        "my": "အတွင်းရေးမှူးရုံး",
        "th": "สำนักเลขาธิการ",
        "vi": "Ban Thư ký",
    },
    "CSO members": {
        "km": "សមាជិកអង្គការសង្គមស៊ីវិល",
        "zh-hans": "民间社会组织成员",
        "lo": "ສະມາຊິກອົງການຈັດຕັ້ງສັງຄົມພົນລະເຮືອນ",
        "my": "အရပ်ဘက်အဖွဲ့အစည်း အဖွဲ့ဝင်များ",
        "th": "สมาชิกองค์กรภาคประชาสังคม",
        "vi": "Thành viên tổ chức xã hội dân sự",
    },
    "Youth delegates": {
        "km": "តំណាងយុវជន",
        "zh-hans": "青年代表",
        "lo": "ຜູ້ແທນຊາວໜຸ່ມ",
        "my": "လူငယ် ကိုယ်စားလှယ်များ",
        "th": "ผู้แทนเยาวชน",
        "vi": "Đại biểu thanh niên",
    },
    "Moderators": {
        "km": "អ្នកសម្របសម្រួល",
        "zh-hans": "版主",
        "lo": "ຜູ້ດູແລການສົນທະນາ",
        "my": "ဆွေးနွေးပွဲ ထိန်းသိမ်းသူများ",
        "th": "ผู้ดูแลการสนทนา",
        "vi": "Người điều hành",
    },
    "Safeguarding leads": {
        "km": "អ្នកទទួលខុសត្រូវការពារសុវត្ថិភាព",
        "zh-hans": "安全保护负责人",
        "lo": "ຜູ້ຮັບຜິດຊອບການປົກປ້ອງ",
        "my": "ဘေးကင်းလုံခြုံရေး တာဝန်ခံများ",
        "th": "ผู้รับผิดชอบด้านการคุ้มครอง",
        "vi": "Cán bộ phụ trách bảo vệ",
    },
}
GOVERNMENT_DELEGATES = {
    "km": "តំណាងរដ្ឋាភិបាល — {country}",
    "zh-hans": "政府代表 — {country}",
    "lo": "ຜູ້ແທນລັດຖະບານ — {country}",
    "my": "အစိုးရ ကိုယ်စားလှယ်များ — {country}",
    "th": "ผู้แทนรัฐบาล — {country}",
    "vi": "Đại biểu chính phủ — {country}",
}


def _group_translations(name: str, country_code: str | None) -> dict[str, str]:
    if country_code and name.startswith("Government delegates"):
        return {
            language: pattern.format(country=country_name(country_code, language=language))
            for language, pattern in GOVERNMENT_DELEGATES.items()
        }
    return GROUP_TRANSLATIONS.get(name, {})


# The secretariat demo account signs in with this TOTP secret as its second factor.
# README.md says how to generate its codes. A published secret is for demos only.
DEMO_TOTP_SECRET = "COMMITPORTALDEMOSECRETKEYTWOSIXX"  # noqa: S105 - published demo secret

DEMO_ACCOUNTS_WITH_SECOND_FACTOR = {"secretariat@example.org", "gov.th.chair@example.org"}

DEMO_ACCOUNTS = [
    # email, display name, language, group, organisation
    ("secretariat@example.org", "Secretariat officer", "en", "Secretariat", 0),
    (
        "gov.th@example.org",
        "Thailand Task Force delegate",
        "th",
        "Government delegates — Thailand",
        1,
    ),
    # A second Thai delegate who has set up a second factor (the demo secret): minutes are
    # circulated only to delegations with someone able to sign them off.
    (
        "gov.th.chair@example.org",
        "Thailand Task Force chair",
        "th",
        "Government delegates — Thailand",
        1,
    ),
    ("cso@example.org", "CSO focal point", "en", "CSO members", 2),
    ("youth@example.org", "Linh", "vi", "Youth delegates", 3),
    ("moderator@example.org", "Forum moderator", "en", "Moderators", 0),
    ("safeguarding@example.org", "Safeguarding lead", "en", "Safeguarding leads", 0),
]


def seed_reference_data() -> tuple[dict[str, Country], dict[str, StakeholderGroup]]:
    """
    The countries and the stakeholder groups: what a fresh production site needs too
    (`manage.py init_site`). Idempotent; names translated by an editor are kept.
    """
    ensure_wagtail_roots()
    countries = {}
    for code, name, member in COUNTRIES:
        countries[code], _ = Country.objects.update_or_create(
            code=code, defaults={"name": name, "is_commit_member": member}
        )
    groups = {}
    for name, role, country, open_to_requests in GROUPS:
        group = StakeholderGroup.objects.filter(name=name).first() or StakeholderGroup(name=name)
        group.role = role
        group.country = countries[country] if country else None
        group.open_to_requests = open_to_requests
        group.name_translations = {
            **_group_translations(name, country),
            **(group.name_translations or {}),
        }
        group.save()
        groups[name] = group
    return countries, groups


def seed(command) -> None:
    countries, groups = seed_reference_data()
    organisations = []
    for name, kind, country in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            name=name, defaults={"type": kind, "country": countries[country], "verified": True}
        )
        organisations.append(organisation)

    secretariat_user = None
    for email, display_name, language, group_name, organisation_index in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"display_name": display_name, "preferred_language": language}
        )
        user.set_password(settings.DEMO_PASSWORD)
        user.organisation = organisations[organisation_index]
        if group_name == "Youth delegates":
            user.pseudonym = "MekongDreamer"
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        do_grant_membership(
            secretariat_user,
            user,
            groups[group_name],
            organisation=organisations[organisation_index],
        )
        if group_name == "Secretariat":
            secretariat_user = user
        if (
            email in DEMO_ACCOUNTS_WITH_SECOND_FACTOR
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
        command.stdout.write(f"  {'created' if created else 'kept'} {email} ({group_name})")
