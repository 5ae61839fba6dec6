"""The type-ahead's indexes on PostgreSQL, and the group's starting list of preferences and
special needs (admins extend it). Names of three characters or more use the trigram index of
complaints 0003 (crm_guest_name_trgm); shorter ones the prefix index here; phone numbers a
trigram index (four digits or more) and a prefix index."""

from django.db import migrations

INDEXES = [
    ("crm_guest_name_prefix", "CREATE INDEX IF NOT EXISTS crm_guest_name_prefix ON crm_guest (UPPER(name::text) text_pattern_ops)"),
    ("crm_guest_phone_prefix", "CREATE INDEX IF NOT EXISTS crm_guest_phone_prefix ON crm_guest (phone varchar_pattern_ops)"),
    ("crm_guest_phone_trgm", "CREATE INDEX IF NOT EXISTS crm_guest_phone_trgm ON crm_guest USING gin ((phone::text) gin_trgm_ops)"),
]

OPTIONS = [
    ("room", "High floor", "高楼层"), ("room", "Quiet room", "安静房间"), ("room", "Non-smoking room", "无烟房"),
    ("room", "Twin beds", "双床"), ("room", "King bed", "大床"),
    ("pillow", "Firm pillow", "硬枕"), ("pillow", "Soft pillow", "软枕"), ("pillow", "Buckwheat pillow", "荞麦枕"),
    ("pillow", "Extra blanket", "加被"),
    ("diet", "Vegetarian", "素食"), ("diet", "Halal", "清真"), ("diet", "No pork", "不吃猪肉"), ("diet", "No spicy food", "不吃辣"),
    ("allergy", "Peanuts", "花生"), ("allergy", "Seafood", "海鲜"), ("allergy", "Gluten", "麸质"), ("allergy", "Feather bedding", "羽绒"),
    ("newspaper", "China Daily", "中国日报"), ("newspaper", "People's Daily", "人民日报"), ("newspaper", "Financial Times", "金融时报"),
    ("special_need", "Wheelchair access", "无障碍/轮椅"), ("special_need", "Hearing impaired", "听障"),
    ("special_need", "Baby cot", "婴儿床"), ("special_need", "Visually impaired", "视障"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for _name, sql in INDEXES:
            schema_editor.execute(sql)
    Option = apps.get_model("crm", "PreferenceOption")
    for order, (category, name, name_zh) in enumerate(OPTIONS):
        Option.objects.get_or_create(category=category, name=name, defaults={"name_zh": name_zh, "order": order})


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _sql in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [("crm", "0005_guest_profile_merge_import_erasure")]

    operations = [migrations.RunPython(forwards, backwards)]
