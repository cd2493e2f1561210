"""
Draft names of the initial taxonomy terms in the six languages of the region.

Drafted for review by native speakers (README, "Languages" › "Reference data"); an
editor's own translation is never overwritten.
"""

from django.db import migrations

# slug -> {language: name}; languages in the portal's order: km, zh-hans, lo, my, th, vi.
TRANSLATIONS = {
    "SpaArea": {
        "policy": {
            "km": "គោលនយោបាយ និងកិច្ចសហប្រតិបត្តិការ",
            "zh-hans": "政策与合作",
            "lo": "ນະໂຍບາຍ ແລະ ການຮ່ວມມື",
            "my": "မူဝါဒနှင့် ပူးပေါင်းဆောင်ရွက်မှု",
            "th": "นโยบายและความร่วมมือ",
            "vi": "Chính sách và hợp tác",
        },
        "protection": {
            "km": "ការការពារជនរងគ្រោះ",
            "zh-hans": "受害者保护",
            "lo": "ການປົກປ້ອງຜູ້ເຄາະຮ້າຍ",
            "my": "ဒုက္ခသည်များကို ကာကွယ်စောင့်ရှောက်ခြင်း",
            "th": "การคุ้มครองผู้เสียหาย",
            "vi": "Bảo vệ nạn nhân",
        },
        "justice": {
            "km": "យុត្តិធម៌ព្រហ្មទណ្ឌ",
            "zh-hans": "刑事司法",
            "lo": "ຍຸຕິທຳທາງອາຍາ",
            "my": "ပြစ်မှုဆိုင်ရာ တရားစီရင်ရေး",
            "th": "กระบวนการยุติธรรมทางอาญา",
            "vi": "Tư pháp hình sự",
        },
        "prevention": {
            "km": "ការបង្ការ",
            "zh-hans": "预防",
            "lo": "ການປ້ອງກັນ",
            "my": "တားဆီးကာကွယ်ရေး",
            "th": "การป้องกัน",
            "vi": "Phòng ngừa",
        },
        "research-and-data": {
            "km": "ការស្រាវជ្រាវ និងទិន្នន័យ",
            "zh-hans": "研究与数据",
            "lo": "ການຄົ້ນຄວ້າ ແລະ ຂໍ້ມູນ",
            "my": "သုတေသနနှင့် အချက်အလက်",
            "th": "การวิจัยและข้อมูล",
            "vi": "Nghiên cứu và dữ liệu",
        },
        "youth": {
            "km": "យុវជន",
            "zh-hans": "青年",
            "lo": "ຊາວໜຸ່ມ",
            "my": "လူငယ်",
            "th": "เยาวชน",
            "vi": "Thanh niên",
        },
        "civil-society": {
            "km": "សង្គមស៊ីវិល",
            "zh-hans": "民间社会",
            "lo": "ສັງຄົມພົນລະເຮືອນ",
            "my": "အရပ်ဘက်လူမှုအဖွဲ့အစည်း",
            "th": "ภาคประชาสังคม",
            "vi": "Xã hội dân sự",
        },
    },
    "ExploitationForm": {
        "forced-labour": {
            "km": "ការងារដោយបង្ខំ",
            "zh-hans": "强迫劳动",
            "lo": "ການບັງຄັບອອກແຮງງານ",
            "my": "အတင်းအကျပ် လုပ်အားခိုင်းစေခြင်း",
            "th": "การบังคับใช้แรงงาน",
            "vi": "Lao động cưỡng bức",
        },
        "fishing-and-seafood": {
            "km": "នេសាទ និងផលិតផលសមុទ្រ",
            "zh-hans": "渔业与海产品",
            "lo": "ການປະມົງ ແລະ ອາຫານທະເລ",
            "my": "ငါးဖမ်းလုပ်ငန်းနှင့် ပင်လယ်စာ",
            "th": "ประมงและอาหารทะเล",
            "vi": "Đánh bắt và chế biến thủy hải sản",
        },
        "forced-marriage": {
            "km": "អាពាហ៍ពិពាហ៍ដោយបង្ខំ",
            "zh-hans": "强迫婚姻",
            "lo": "ການບັງຄັບແຕ່ງງານ",
            "my": "အတင်းအကျပ် လက်ထပ်စေခြင်း",
            "th": "การบังคับแต่งงาน",
            "vi": "Cưỡng ép kết hôn",
        },
        "sexual-exploitation": {
            "km": "ការកេងប្រវ័ញ្ចផ្លូវភេទ",
            "zh-hans": "性剥削",
            "lo": "ການຂູດຮີດທາງເພດ",
            "my": "လိင်ပိုင်းဆိုင်ရာ အမြတ်ထုတ်ခြင်း",
            "th": "การแสวงประโยชน์ทางเพศ",
            "vi": "Bóc lột tình dục",
        },
        "domestic-servitude": {
            "km": "ភាពជាទាសករក្នុងផ្ទះ",
            "zh-hans": "家庭奴役",
            "lo": "ການເປັນຂ້າທາດໃນຄົວເຮືອນ",
            "my": "အိမ်တွင်း ကျွန်ပြုခိုင်းစေခြင်း",
            "th": "การบังคับเป็นคนรับใช้ในบ้าน",
            "vi": "Nô lệ giúp việc gia đình",
        },
        "forced-criminality": {
            "km": "ការបង្ខំឱ្យប្រព្រឹត្តបទល្មើស (មជ្ឈមណ្ឌលបោកប្រាស់)",
            "zh-hans": "强迫犯罪（诈骗园区）",
            "lo": "ການບັງຄັບໃຫ້ກະທຳຜິດ (ສູນຫຼອກລວງ)",
            "my": "အတင်းအကျပ် ရာဇဝတ်မှုကျူးလွန်စေခြင်း (လိမ်လည်မှုစခန်းများ)",
            "th": "การบังคับให้กระทำความผิด (แหล่งฉ้อโกงออนไลน์)",
            "vi": "Cưỡng ép phạm tội (cơ sở lừa đảo)",
        },
        "child-trafficking": {
            "km": "ការជួញដូរកុមារ",
            "zh-hans": "拐卖儿童",
            "lo": "ການຄ້າເດັກ",
            "my": "ကလေးသူငယ် ကုန်ကူးခြင်း",
            "th": "การค้าเด็ก",
            "vi": "Mua bán trẻ em",
        },
        "forced-begging": {
            "km": "ការបង្ខំឱ្យសុំទាន",
            "zh-hans": "强迫乞讨",
            "lo": "ການບັງຄັບໃຫ້ຂໍທານ",
            "my": "အတင်းအကျပ် သူတောင်းစားလုပ်စေခြင်း",
            "th": "การบังคับให้ขอทาน",
            "vi": "Cưỡng ép ăn xin",
        },
        "organ-removal": {
            "km": "ការដកយកសរីរាង្គ",
            "zh-hans": "摘取器官",
            "lo": "ການຕັດເອົາອະໄວຍະວະ",
            "my": "ကိုယ်တွင်းအင်္ဂါ ထုတ်ယူခြင်း",
            "th": "การตัดอวัยวะ",
            "vi": "Lấy bộ phận cơ thể",
        },
    },
    "PublicationType": {
        "research-report": {
            "km": "របាយការណ៍ស្រាវជ្រាវ",
            "zh-hans": "研究报告",
            "lo": "ບົດລາຍງານການຄົ້ນຄວ້າ",
            "my": "သုတေသန အစီရင်ခံစာ",
            "th": "รายงานการวิจัย",
            "vi": "Báo cáo nghiên cứu",
        },
        "policy-brief": {
            "km": "សេចក្តីសង្ខេបគោលនយោបាយ",
            "zh-hans": "政策简报",
            "lo": "ບົດສະຫຼຸບນະໂຍບາຍ",
            "my": "မူဝါဒ အကျဉ်းချုပ်",
            "th": "เอกสารสรุปเชิงนโยบาย",
            "vi": "Tóm tắt chính sách",
        },
        "guideline-or-toolkit": {
            "km": "គោលការណ៍ណែនាំ ឬឧបករណ៍",
            "zh-hans": "指南或工具包",
            "lo": "ຄູ່ມື ຫຼື ຊຸດເຄື່ອງມື",
            "my": "လမ်းညွှန်ချက် သို့မဟုတ် လက်စွဲ",
            "th": "แนวปฏิบัติหรือชุดเครื่องมือ",
            "vi": "Hướng dẫn hoặc bộ công cụ",
        },
        "data-and-statistics": {
            "km": "ទិន្នន័យ និងស្ថិតិ",
            "zh-hans": "数据与统计",
            "lo": "ຂໍ້ມູນ ແລະ ສະຖິຕິ",
            "my": "အချက်အလက်နှင့် စာရင်းဇယား",
            "th": "ข้อมูลและสถิติ",
            "vi": "Dữ liệu và thống kê",
        },
        "training-material": {
            "km": "ឯកសារបណ្តុះបណ្តាល",
            "zh-hans": "培训材料",
            "lo": "ເອກະສານຝຶກອົບຮົມ",
            "my": "သင်တန်း စာရွက်စာတမ်း",
            "th": "สื่อการฝึกอบรม",
            "vi": "Tài liệu đào tạo",
        },
        "meeting-report": {
            "km": "របាយការណ៍កិច្ចប្រជុំ",
            "zh-hans": "会议报告",
            "lo": "ບົດລາຍງານກອງປະຊຸມ",
            "my": "အစည်းအဝေး အစီရင်ခံစာ",
            "th": "รายงานการประชุม",
            "vi": "Báo cáo cuộc họp",
        },
        "legal-text": {
            "km": "អត្ថបទច្បាប់",
            "zh-hans": "法律文本",
            "lo": "ບົດກົດໝາຍ",
            "my": "ဥပဒေ စာသား",
            "th": "ตัวบทกฎหมาย",
            "vi": "Văn bản pháp luật",
        },
        "news": {
            "km": "ព័ត៌មាន",
            "zh-hans": "新闻",
            "lo": "ຂ່າວ",
            "my": "သတင်း",
            "th": "ข่าว",
            "vi": "Tin tức",
        },
    },
}


def add_translations(apps, schema_editor):
    for model_name, terms in TRANSLATIONS.items():
        model = apps.get_model("knowledge", model_name)
        for term in model.objects.filter(slug__in=terms):
            # An editor's translation wins over the draft.
            term.name_translations = {**terms[term.slug], **(term.name_translations or {})}
            term.save(update_fields=["name_translations"])


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_name_translations")]

    operations = [migrations.RunPython(add_translations, migrations.RunPython.noop)]
