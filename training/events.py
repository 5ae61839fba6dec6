"""Why the system proposed training, as structured events put into words in the reader's language
(see `hotelqa.events`); a caller of `proposal_create` may give its own `reason` text instead."""

from django.utils.translation import gettext_lazy as _

from hotelqa import events

FROM_CASE = events.register("training.need_from_case", _("%(case)s: staff error (%(category)s)")).code
FROM_INSPECTION = events.register("training.need_from_inspection", _("Failed item: %(item)s — standard: %(standard)s")).code
FROM_TREND = events.register("training.need_from_trend", _("%(recent)s complaints in 30 days against a baseline of %(baseline)s")).code
