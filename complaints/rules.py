"""Keyword rules that pre-fill category, grade and department when the text makes them obvious.

Each property keeps its own editable copy of the routing rules (`RoutingRule`, Settings → Routing
rules); a property without any uses `DEFAULT_RULES`, which are also what a new copy starts from.
Rules are tried in order and the first match wins, so equipment words come before "noise": an air
conditioner that rattles is engineering's job, not security's.
"""

import re
from dataclasses import dataclass

from hotelqa.choices import DepartmentKind

from .choices import Category, Grade

# (order, keywords in English and Chinese, category, department kind)
DEFAULT_RULES = [
    (10, ("fire", "smoke", "injur", "fell", "bleed", "theft", "stolen", "intruder", "火", "烟", "受伤", "摔", "被盗", "偷"), Category.SAFETY, DepartmentKind.SECURITY),
    (20, ("dirty", "stain", "hair", "smell", "cockroach", "bug", "unclean", "脏", "污渍", "头发", "异味", "蟑螂", "不干净"), Category.CLEANLINESS, DepartmentKind.HOUSEKEEPING),
    (30, ("towel", "pillow", "blanket", "toiletr", "slipper", "water bottle", "毛巾", "枕头", "被子", "洗漱", "拖鞋", "矿泉水"), Category.AMENITIES, DepartmentKind.HOUSEKEEPING),
    (40, ("wake-up", "wake up", "morning call", "叫醒"), Category.WAKE_UP, DepartmentKind.FRONT_OFFICE),
    (50, ("air con", "air-con", "aircon", "heater", "heating", "hot water", "leak", "broken", "light", "lamp", "tv", "television", "wifi", "wi-fi",
          "lock", "key card", "toilet", "shower", "faucet", "fridge", "minibar", "lift", "elevator", "socket", "power cut",
          "空调", "暖气", "热水", "漏水", "坏了", "灯", "电视", "网络", "门锁", "房卡", "马桶", "淋浴", "花洒", "水龙头", "冰箱", "电梯", "插座", "停电"),
     Category.ROOM, DepartmentKind.ENGINEERING),
    (60, ("noise", "noisy", "loud", "party", "噪音", "吵"), Category.NOISE, DepartmentKind.SECURITY),
    (70, ("breakfast", "restaurant", "food", "meal", "room service", "早餐", "餐厅", "饭菜", "送餐"), Category.FOOD, DepartmentKind.FOOD_BEVERAGE),
    (80, ("bill", "charge", "invoice", "price", "overcharg", "账单", "收费", "发票", "价格"), Category.BILLING, DepartmentKind.FRONT_OFFICE),
    (90, ("rude", "impolite", "attitude", "ignored", "态度", "不礼貌", "无礼"), Category.ATTITUDE, DepartmentKind.FRONT_OFFICE),
    (100, ("wait", "slow", "queue", "late", "等", "慢", "排队"), Category.SPEED, DepartmentKind.FRONT_OFFICE),
    (110, ("lost", "left behind", "missing", "丢", "遗失", "遗留"), Category.LOST, DepartmentKind.HOUSEKEEPING),
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


def split_keywords(text: str) -> list[str]:
    """Keywords as an admin types them: separated by commas (either width) or new lines."""
    return [w.strip().lower() for w in re.split(r"[,，、\n]+", text or "") if w.strip()]


def keyword_pattern(words) -> re.Pattern | None:
    """One pattern for a rule. Latin words match at the start of a word ("lock" is not found in
    "clock", "tv" not in a longer word; stems such as "injur" still match "injured"); Chinese
    has no spaces, so its words match anywhere."""
    parts = [(r"\b" if w[:1].isascii() and w[:1].isalnum() else "") + re.escape(w) for w in words if w]
    return re.compile("|".join(parts)) if parts else None


DEFAULT_PATTERNS = [(keyword_pattern(words), category, kind) for _order, words, category, kind in DEFAULT_RULES]


def _matches(words, lowered):
    return any(w in lowered for w in words)


def suggest(text: str, patterns=None) -> Suggestion:
    """What the text suggests, from `patterns` [(compiled, category, department kind), …] in order
    (a property's `RoutingRule`s through `routing.patterns_for`; the defaults without)."""
    lowered = (text or "").lower()
    category = department = ""
    for pattern, cat, dept in DEFAULT_PATTERNS if patterns is None else patterns:
        if pattern is not None and pattern.search(lowered):
            category, department = cat, dept
            break
    grade = ""
    if _matches(URGENT_WORDS, lowered):
        grade = Grade.URGENT
    elif _matches(MAJOR_WORDS, lowered):
        grade = Grade.MAJOR
    return Suggestion(category, grade, department)
