"""The checklist engine: templates, versions, sections, items, filled responses and scoring.

Facilities inspections use it now; quality audits attach a `ChecklistResponse` the same way
(`response = models.OneToOneField("facilities.ChecklistResponse", ...)`) and reuse the services
in `facilities.checklists.services` and the scoring in `facilities.checklists.scoring`.
"""
