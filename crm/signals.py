"""Signals other apps connect to (the CRM imports none of them).

`guests_anonymized(sender=Guest, guest_ids=[...])`: sent inside the anonymizing transaction; an
app that keeps personal data of its own about guests (a survey's free-text answer, a follow-up's
call notes) empties it for these guests. Their records stay, so counts and KPIs do not change.
"""

from django.dispatch import Signal

guests_anonymized = Signal()
