"""One-time form tokens: a form that creates a record acts once, however often it is sent.

    class QuickLogForm(OnceFormMixin, forms.Form): ...          # adds the hidden `once` field

    with transaction.atomic():
        first = submission_claim(token=form.cleaned_data.get("once"), user=request.user)
        if first is None:
            case = ...
            submission_done(token=..., url=case.get_absolute_url())
    if first is not None:
        return redirect(first.result_url)                      # the record the first send made

The token row is unique: a second, concurrent send waits on the first one's insert and, once that
commits, finds it taken. A form sent without a token (scripts, old pages) is not deduplicated.
"""

import uuid
from datetime import timedelta

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

KEEP = timedelta(days=1)


class OnceFormMixin(forms.Form):
    once = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)


def submission_claim(*, token, user):
    """Claim `token` in the current transaction. None: go on; otherwise the earlier submission."""
    from .models import FormSubmission

    if token is None:
        return None
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, user=user)
    except IntegrityError:
        return FormSubmission.objects.filter(token=token).first() or FormSubmission(token=token)
    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return None


def submission_done(*, token, url: str) -> None:
    from .models import FormSubmission

    if token is not None:
        FormSubmission.objects.filter(token=token).update(result_url=url)
