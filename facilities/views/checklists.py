"""Checklist templates built in the browser: a draft is edited, publishing freezes it as a version."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext
from django.views.generic import CreateView, DetailView, ListView
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.base import View

from hotelqa.checklists import services as cl
from hotelqa.checklists.choices import VersionStatus
from hotelqa.checklists.models import ChecklistItem, ChecklistSection, ChecklistTemplate
from hotelqa.exports import ExportMixin, choice_text
from hotelqa.forms import add_service_errors, message_errors, refuse_if_stale
from hotelqa.lists import PropertyUpdateView
from hotelqa.mixins import PropertyCreateMixin, PropertyFormKwargsMixin, PropertyListMixin, PropertyObjectMixin, can
from hotelqa.shortcuts import object_or_404

from .. import services
from ..forms import ChecklistItemForm, ChecklistSectionForm, ChecklistTemplateForm, ChecklistVersionForm


class TemplateListView(ExportMixin, PropertyListMixin, ListView):
    model = ChecklistTemplate
    permission_required = "checklists.view_checklisttemplate"
    template_name = "facilities/template_list.html"
    paginate_by = 50
    export_name = "checklists"

    def export_columns(self):
        return [
            (pgettext("thing", "Name"), lambda t: t.name), (_("Chinese name"), lambda t: t.name_zh), (_("Used for"), choice_text("kind")),
            (_("Published version"), lambda t: t.current_version.number if t.current_version else ""),
            (_("Versions"), lambda t: t.version_count), (_("Active"), lambda t: t.is_active),
        ]

    def get_queryset(self):
        # An aggregate drops Meta.ordering (GROUP BY queries are unordered), so order explicitly.
        return super().get_queryset().select_related("current_version").annotate(version_count=Count("versions")).order_by("name", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_add=can(self.request, "checklists.add_checklisttemplate"), **kwargs)


class TemplateCreateView(PropertyCreateMixin, PropertyFormKwargsMixin, CreateView):
    model = ChecklistTemplate
    form_class = ChecklistTemplateForm
    permission_required = "checklists.add_checklisttemplate"
    template_name = "hotelqa/form.html"
    extra_context = {"title": gettext_lazy("New checklist")}

    def form_valid(self, form):
        data = form.cleaned_data
        self.object = cl.checklist_template_create(
            property=self.request.property, name=data["name"], kind=data["kind"], description=data["description"])
        return redirect("facilities:template_edit", pk=self.object.pk)


class TemplateUpdateView(PropertyUpdateView):
    model = ChecklistTemplate
    form_class = ChecklistTemplateForm
    title = gettext_lazy("Checklist settings")

    def get_success_url(self):
        from django.urls import reverse

        return reverse("facilities:template_detail", args=[self.object.pk])


class TemplateDetailView(PropertyObjectMixin, DetailView):
    """A version of the checklist, read-only (the published one unless ?version= is given)."""

    model = ChecklistTemplate
    permission_required = "checklists.view_checklisttemplate"
    template_name = "facilities/template_detail.html"

    def get_context_data(self, **kwargs):
        template = self.object
        versions = list(template.versions.all())
        wanted = self.request.GET.get("version")
        version = next((v for v in versions if str(v.number) == wanted), None) if wanted else None
        version = version or template.current_version or (versions[0] if versions else None)
        return super().get_context_data(
            version=version, versions=versions,
            sections=version.sections.prefetch_related("items") if version else [],
            can_edit=can(self.request, "checklists.change_checklisttemplate", template.property),
            **kwargs,
        )


class TemplateEditView(PropertyObjectMixin, DetailView):
    """The draft builder. Opening it on a published template shows a button that makes a draft."""

    model = ChecklistTemplate
    permission_required = "checklists.change_checklisttemplate"
    template_name = "facilities/template_edit.html"

    def get_context_data(self, **kwargs):
        draft = cl.checklist_draft(template=self.object)
        context = {"draft": draft}
        if draft is None and self.object.current_version:
            context["sections"] = self.object.current_version.sections.prefetch_related("items")
        if draft:
            context.update(
                sections=draft.sections.prefetch_related("items"),
                section_form=ChecklistSectionForm(),
                item_form=ChecklistItemForm(version=draft),
                version_form=ChecklistVersionForm(instance=draft),
                section_actions=[("section_up", _("Up"), _("Up")), ("section_down", _("Down"), _("Down")),
                                 ("section_delete", _("Delete"), _("Delete"))],
                item_actions=[("item_up", "↑", _("Move up")), ("item_down", "↓", _("Move down")), ("item_delete", _("Delete"), _("Delete"))],
            )
        return super().get_context_data(**context, **kwargs)


class DraftActionView(PropertyObjectMixin, SingleObjectMixin, View):
    """POST-only actions on a template's draft; each redirects back to the builder."""

    model = ChecklistTemplate
    permission_required = "checklists.change_checklisttemplate"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        draft = cl.checklist_draft(template=self.object)
        action = kwargs["action"]
        try:
            if action == "new_draft":
                cl.checklist_draft_get_or_create(template=self.object)
                messages.info(request, _("A new draft was made from the published version. Publish it when ready."))
            elif draft is None:
                raise Http404
            else:
                self.act(action, draft)
        except ValidationError as exc:
            message_errors(request, exc)
        return redirect("facilities:template_edit", pk=self.object.pk)

    def act(self, action, draft):
        request = self.request
        if action == "publish":
            cl.checklist_version_publish(version=draft, actor=request.user)
            messages.success(request, _("Version %(n)d published. New inspections use it; earlier ones keep theirs.") % {"n": draft.number})
        elif action == "settings":
            form = ChecklistVersionForm(request.POST, instance=draft)
            if form.is_valid():
                with transaction.atomic():
                    if refuse_if_stale(form):
                        message_errors(request, ValidationError(form.non_field_errors()))
                    else:
                        form.save()
            else:
                message_errors(request, ValidationError(form.errors.get("pass_mark", [])))
        elif action == "add_section":
            form = ChecklistSectionForm(request.POST)
            if form.is_valid():
                cl.checklist_section_add(version=draft, title=form.cleaned_data["title"], title_zh=form.cleaned_data["title_zh"])
            else:
                messages.error(request, _("Give the section a title."))
        elif action in ("section_up", "section_down", "section_delete"):
            section = object_or_404(ChecklistSection.objects.filter(version=draft), request.POST.get("section"))
            if action == "section_delete":
                cl.checklist_section_delete(section=section)
            else:
                cl.checklist_section_move(section=section, up=action == "section_up")
        elif action in ("item_up", "item_down", "item_delete"):
            item = object_or_404(ChecklistItem.objects.filter(version=draft), request.POST.get("item"))
            if action == "item_delete":
                cl.checklist_item_delete(item=item)
            else:
                cl.checklist_item_move(item=item, up=action == "item_up")
        else:
            raise Http404


class ItemCreateView(PropertyObjectMixin, SingleObjectMixin, View):
    model = ChecklistTemplate
    permission_required = "checklists.change_checklisttemplate"
    template_name = "facilities/item_form.html"

    def dispatch_draft(self):
        self.object = self.get_object()
        self.draft = cl.checklist_draft(template=self.object)
        if self.draft is None:
            raise Http404

    def get(self, request, *args, **kwargs):
        self.dispatch_draft()
        return self.render(ChecklistItemForm(version=self.draft, initial={"section": request.GET.get("section")}))

    def render(self, form, status=200):
        from django.shortcuts import render

        return render(self.request, self.template_name, {"form": form, "template": self.object, "draft": self.draft}, status=status)

    def post(self, request, *args, **kwargs):
        self.dispatch_draft()
        form = ChecklistItemForm(request.POST, version=self.draft)
        if not form.is_valid():
            return self.render(form)
        data = dict(form.cleaned_data)
        section, category = data.pop("section"), data.pop("defect_category")
        try:
            with transaction.atomic():
                item = cl.checklist_item_add(section=section, **data)
                services.checklist_item_set_defect_category(item=item, category=category)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.render(form)
        messages.success(request, _("Item added."))
        return redirect("facilities:template_edit", pk=self.object.pk)


class ItemUpdateView(ItemCreateView):
    def get_item(self):
        return get_object_or_404(ChecklistItem, pk=self.kwargs["item"], version=self.draft)

    def get(self, request, *args, **kwargs):
        self.dispatch_draft()
        return self.render(ChecklistItemForm(instance=self.get_item(), version=self.draft))

    def post(self, request, *args, **kwargs):
        self.dispatch_draft()
        form = ChecklistItemForm(request.POST, instance=self.get_item(), version=self.draft)
        if not form.is_valid():
            return self.render(form)
        if self.draft.status != VersionStatus.DRAFT:
            raise Http404
        with transaction.atomic():
            if refuse_if_stale(form):
                return self.render(form, status=409)
            item = form.save()
            services.checklist_item_set_defect_category(item=item, category=form.cleaned_data["defect_category"])
        messages.success(request, _("Item saved."))
        return redirect("facilities:template_edit", pk=self.object.pk)
