"""Admins create integration tokens (the key is shown once), revoke them, subscribe webhook
receivers, and read and replay deliveries."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hotelqa.admin import PropertyScopedAdmin, ReadOnlyAdminMixin, ScopedTabularInline
from hotelqa.admin_scoping import may
from hotelqa.permissions import user_is_group_admin

from . import services, webhooks
from .models import ApiToken, WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookSubscription


class GroupRecordsMixin:
    """Records with no property are the whole group's: listed and opened by group admins only."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.requester = request.user
        return form


class PropertyOrGroupForm(forms.ModelForm):
    requester = None

    def clean_property(self):
        prop = self.cleaned_data.get("property")
        if prop is None and not user_is_group_admin(self.requester):
            raise forms.ValidationError(_("Choose a property: only group admins make group-wide ones."))
        return prop


class ApiTokenForm(PropertyOrGroupForm):
    class Meta:
        model = ApiToken
        fields = ["name", "property", "role", "expires_at", "rate_per_minute"]


@admin.register(ApiToken)
class ApiTokenAdmin(GroupRecordsMixin, PropertyScopedAdmin):
    form = ApiTokenForm
    list_display = ["name", "prefix", "property", "role", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["property", "role"]
    search_fields = ["name", "prefix"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["property", "role", "prefix", "created_by", "created_at", "last_used_at", "revoked_at"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name", "expires_at", "rate_per_minute"])
            return
        token, key = services.token_create(
            name=obj.name, property=obj.property, role=obj.role, expires_at=obj.expires_at,
            rate_per_minute=obj.rate_per_minute, actor=request.user,
        )
        obj.__dict__.update({k: v for k, v in token.__dict__.items() if not k.startswith("_")})
        messages.warning(request, _("The token's key, shown this once — copy it now: %(key)s") % {"key": key})

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the record says who used the API and when

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                services.token_revoke(token=token, actor=request.user)
            except PermissionDenied:
                continue
            count += 1
        self.message_user(request, ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", count) % {"n": count})


class SubscriptionForm(PropertyOrGroupForm):
    events = forms.MultipleChoiceField(label=_("events"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple)
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")

    class Meta:
        model = WebhookSubscription
        fields = ["name", "property", "url", "events", "is_active"]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(GroupRecordsMixin, PropertyScopedAdmin):
    form = SubscriptionForm
    list_display = ["name", "url", "property", "is_active", "paused_at", "consecutive_failures"]
    list_filter = ["property", "is_active"]
    readonly_fields = ["secret", "paused_at", "consecutive_failures", "created_by", "created_at"]
    actions = ["resume"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Resume the selected (paused) subscriptions"), permissions=["change"])
    def resume(self, request, queryset):
        count = 0
        for subscription in queryset.filter(paused_at__isnull=False):
            webhooks.resume(subscription)
            count += 1
        self.message_user(request, ngettext("%(n)d subscription resumed.", "%(n)d subscriptions resumed.", count) % {"n": count})


class AttemptInline(ReadOnlyAdminMixin, ScopedTabularInline):
    model = WebhookAttempt
    fields = ["at", "status_code", "ok", "error", "duration_ms"]
    readonly_fields = fields
    extra = 0


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    property_lookup = "subscription__property"
    list_display = ["created_at", "event", "subscription", "status", "attempts", "last_status_code", "next_attempt_at", "delivered_at"]
    list_filter = ["status", "event"]
    list_select_related = ["subscription"]
    fields = ["subscription", "event", "status", "attempts", "last_status_code", "next_attempt_at", "created_at", "delivered_at", "replay_of", "body"]
    readonly_fields = fields
    inlines = [AttemptInline]
    actions = ["replay"]

    def has_replay_permission(self, request):
        return may(request, WebhookDelivery, "change")

    @admin.action(description=_("Send the selected deliveries again"), permissions=["replay"])
    def replay(self, request, queryset):
        count = 0
        for delivery in queryset.select_related("subscription"):
            webhooks.replay(delivery)
            count += 1
        self.message_user(request, ngettext("%(n)d delivery queued again.", "%(n)d deliveries queued again.", count) % {"n": count})
