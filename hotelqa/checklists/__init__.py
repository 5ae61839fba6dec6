"""The checklist engine: templates, versions, sections, items, filled responses and scoring.

A foundation app (label `checklists`), so any app can use it without importing another app:
facilities inspections do now, quality audits attach a `ChecklistResponse` the same way
(`response = models.OneToOneField("checklists.ChecklistResponse", ...)`) and reuse
`hotelqa.checklists.services` and `hotelqa.checklists.scoring`. What an app adds to the engine's
records (facilities: the defect category of an item) it keeps in its own models and wires in
through `hotelqa.checklists.hooks`.
"""
