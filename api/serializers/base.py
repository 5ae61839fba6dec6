from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# JSON types each field kind accepts: a number where text is expected (or text where a number is)
# is refused rather than converted, so a client's mistake shows at once.
JSON_TYPES = [
    (serializers.BooleanField, (bool,)),
    (serializers.ChoiceField, (str,)),
    (serializers.CharField, (str,)),
    (serializers.IntegerField, (int,)),
    (serializers.DecimalField, (int, float, str)),
    (serializers.DateField, (str,)),
]
TYPE_NAMES = {bool: "boolean", str: "string", int: "integer", float: "number"}


def _wrong_type(field, value):
    if value is None:
        return None
    for kind, types in JSON_TYPES:
        if isinstance(field, kind):
            if isinstance(value, bool) and bool not in types:
                return types
            return None if isinstance(value, types) else types
    return None


class StrictSerializer(serializers.Serializer):
    """Input serializer that refuses fields it does not know (a typo is an error, not ignored) and
    values of the wrong JSON type."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {name: [_("Unknown field.")] for name in sorted(set(data) - set(self.fields))}
            for name, field in self.fields.items():
                if name in data and not isinstance(field, serializers.Serializer):
                    expected = _wrong_type(field, data[name])
                    if expected:
                        errors[name] = [_("Expected a %(type)s.") % {"type": " or ".join(TYPE_NAMES[t] for t in expected)}]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def localized_name(obj, field="name"):
    return {"en": getattr(obj, field), "zh_hans": getattr(obj, f"{field}_zh", "") or ""}


class NameSerializer(serializers.Serializer):
    en = serializers.CharField()
    zh_hans = serializers.CharField(allow_blank=True)
