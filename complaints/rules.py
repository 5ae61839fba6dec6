"""Keyword rules that pre-fill category, grade and department when the text makes them obvious."""

from dataclasses import dataclass

from hotelqa.choices import DepartmentKind

from .choices import Category, Grade

# (keywords in English and Chinese, category, department kind)
CATEGORY_RULES = [
    (("fire", "smoke", "injur", "fell", "bleed", "theft", "stolen", "intruder", "火", "烟", "受伤", "摔", "被盗", "偷"), Category.SAFETY, DepartmentKind.SECURITY),
    (("dirty", "stain", "hair", "smell", "cockroach", "bug", "unclean", "脏", "污渍", "头发", "异味", "蟑螂", "不干净"), Category.CLEANLINESS, DepartmentKind.HOUSEKEEPING),
    (("towel", "pillow", "blanket", "toiletr", "slipper", "water bottle", "毛巾", "枕头", "被子", "洗漱", "拖鞋", "矿泉水"), Category.AMENITIES, DepartmentKind.HOUSEKEEPING),
    (("wake-up", "wake up", "morning call", "叫醒"), Category.WAKE_UP, DepartmentKind.FRONT_OFFICE),
    (("noise", "noisy", "loud", "party", "噪音", "吵"), Category.NOISE, DepartmentKind.SECURITY),
    (("air con", "air-con", "aircon", "heater", "hot water", "leak", "broken", "light", "tv", "wifi", "wi-fi", "lock", "toilet", "空调", "热水", "漏水", "坏了", "灯", "电视", "网络", "门锁", "马桶"), Category.ROOM, DepartmentKind.ENGINEERING),
    (("breakfast", "restaurant", "food", "meal", "room service", "早餐", "餐厅", "饭菜", "送餐"), Category.FOOD, DepartmentKind.FOOD_BEVERAGE),
    (("bill", "charge", "invoice", "price", "overcharg", "账单", "收费", "发票", "价格"), Category.BILLING, DepartmentKind.FRONT_OFFICE),
    (("rude", "impolite", "attitude", "ignored", "态度", "不礼貌", "无礼"), Category.ATTITUDE, DepartmentKind.FRONT_OFFICE),
    (("wait", "slow", "queue", "late", "等", "慢", "排队"), Category.SPEED, DepartmentKind.FRONT_OFFICE),
    (("lost", "left behind", "missing", "丢", "遗失", "遗留"), Category.LOST, DepartmentKind.HOUSEKEEPING),
]

# Where a case goes when its category is known but the text names no department.
CATEGORY_DEPARTMENT = {
    Category.ROOM: DepartmentKind.ENGINEERING,
    Category.CLEANLINESS: DepartmentKind.HOUSEKEEPING,
    Category.AMENITIES: DepartmentKind.HOUSEKEEPING,
    Category.LOST: DepartmentKind.HOUSEKEEPING,
    Category.NOISE: DepartmentKind.SECURITY,
    Category.SAFETY: DepartmentKind.SECURITY,
    Category.FOOD: DepartmentKind.FOOD_BEVERAGE,
}

URGENT_WORDS = ("fire", "smoke", "injur", "bleed", "emergency", "ambulance", "flood", "火", "烟", "受伤", "急救", "紧急", "水淹")
MAJOR_WORDS = ("stolen", "theft", "refund", "manager", "never again", "被盗", "退款", "经理", "投诉到")


@dataclass(frozen=True)
class Suggestion:
    category: str = ""
    grade: str = ""
    department_kind: str = ""


def suggest(text: str) -> Suggestion:
    lowered = (text or "").lower()
    category = department = ""
    for words, cat, dept in CATEGORY_RULES:
        if any(w in lowered for w in words):
            category, department = cat, dept
            break
    grade = ""
    if any(w in lowered for w in URGENT_WORDS):
        grade = Grade.URGENT
    elif any(w in lowered for w in MAJOR_WORDS):
        grade = Grade.MAJOR
    return Suggestion(category, grade, department)
