"""The programme's starting set-up: four tiers (000 §9.2) and the two survey templates. Written
by a data migration; `ensure()` writes what is missing (a flushed test database)."""

TIERS = [
    # code, name, name_zh, rank, nights, spend, points per ¥1
    ("standard", "Member", "普通会员", 0, 0, 0, "1.00"),
    ("silver", "Silver", "银卡", 1, 10, 10000, "1.20"),
    ("gold", "Gold", "金卡", 2, 25, 30000, "1.50"),
    ("platinum", "Platinum", "白金卡", 3, 50, 80000, "2.00"),
]

ALL_DIMENSIONS = ["overall", "staff", "efficiency", "quality", "value", "personal"]

TEMPLATES = [
    dict(source="stay", name="Your stay", name_zh="入住满意度调查", dimensions=ALL_DIMENSIONS,
         intro="Thank you for staying with us. Two minutes of your time help us do better.",
         intro_zh="感谢您的光临。请花两分钟告诉我们您的感受，帮助我们做得更好。"),
    dict(source="complaint", name="How we handled your concern", name_zh="投诉处理满意度回访", dimensions=["overall", "staff", "efficiency"],
         intro="You told us about a problem during your stay. How well did we handle it?",
         intro_zh="您在入住期间向我们反映了问题。我们的处理让您满意吗？"),
]


def ensure(tier_model=None, template_model=None):
    if tier_model is None:
        from ..models import LoyaltyTier, SurveyTemplate

        tier_model, template_model = LoyaltyTier, SurveyTemplate
    for code, name, name_zh, rank, nights, spend, rate in TIERS:
        tier_model.objects.get_or_create(code=code, defaults=dict(name=name, name_zh=name_zh, rank=rank, min_nights=nights, min_spend=spend, earn_rate=rate))
    for template in TEMPLATES:
        template_model.objects.get_or_create(source=template["source"], defaults={k: v for k, v in template.items() if k != "source"})
