"""The mystery guest's questionnaire: reached through the one-time link, filled without a login,
saved and submitted in one go (or not at all)."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from .. import services
from ..forms_audits import MysteryVisitForm, item_forms


def _items(audit):
    return [i for s in audit.version.sections.prefetch_related("items") for i in s.items.all()]


def _sections(audit, forms):
    by_item = {f.item.pk: f for f in forms}
    return [{"section": s, "items": [{"item": i, "form": by_item[i.pk]} for i in s.items.all()]}
            for s in audit.version.sections.prefetch_related("items")]


class MysteryGuestView(View):
    template_name = "audits/mystery_form.html"

    def dispatch(self, request, token, *args, **kwargs):
        self.link = services.mystery_link_for_token(token)
        self.token = token
        if self.link is None or not self.link.is_usable:
            return render(request, "audits/mystery_done.html", {"used": True}, status=410 if self.link else 404)
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, visit, forms, status=200, error=None):
        audit = self.link.audit
        return render(self.request, self.template_name, {
            "audit": audit, "hotel": audit.property, "visit": visit, "rows": _sections(audit, forms), "error": error,
        }, status=status)

    def get(self, request):
        return self.render_form(MysteryVisitForm(), item_forms(_items(self.link.audit)))

    def post(self, request):
        audit = self.link.audit
        visit = MysteryVisitForm(request.POST)
        forms = item_forms(_items(audit), request.POST, request.FILES)
        valid = visit.is_valid()
        valid = all([f.is_valid() for f in forms]) and valid
        if not valid:
            return self.render_form(visit, forms, status=400, error=_("Please correct the marked answers."))
        answers = [(f.item, f.answer_kwargs()) for f in forms]
        try:
            services.mystery_submit(token=self.token, answers=[(i, a) for i, a in answers if a],
                                    auditor_name=visit.cleaned_data["auditor_name"], visited_at=visit.cleaned_data["visited_at"])
        except ValidationError as exc:
            return self.render_form(visit, forms, status=400, error=" ".join(exc.messages))
        return render(request, "audits/mystery_done.html", {"used": False, "hotel": audit.property})
