"""Django merges every app's Chinese catalogue into one, so an English msgid (in its msgctxt) has one
translation everywhere: a msgid translated two ways in two catalogues shows one app's words in the
other (a complaint's revisit tab read a work order's 截止时间). Different meanings take a context
(`pgettext`, `{% translate … context … %}`); the same meaning takes the same words."""

from collections import defaultdict
from pathlib import Path

import polib
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def catalogues():
    found = sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))
    found += [Path(p) / "zh_Hans" / "LC_MESSAGES" / "django.po" for p in settings.LOCALE_PATHS]
    return [p for p in dict.fromkeys(found) if p.exists()]


def test_every_app_catalogue_is_read():
    names = {p.relative_to(ROOT).parts[0] for p in catalogues()}
    assert {"locale", "complaints", "facilities", "crm", "training", "audits", "api"} <= names


def test_one_msgid_has_one_translation_in_every_catalogue():
    translations = defaultdict(lambda: defaultdict(list))
    for path in catalogues():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            text = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
            if text:
                translations[(entry.msgctxt, entry.msgid)][text].append(path.relative_to(ROOT).parts[0])
    clashes = {
        (f"{ctxt} | " if ctxt else "") + msgid: {str(text): apps for text, apps in texts.items()}
        for (ctxt, msgid), texts in translations.items()
        if len(texts) > 1
    }
    assert not clashes, "\n".join(f"{msgid!r}: {texts}" for msgid, texts in sorted(clashes.items()))


def test_words_that_mean_different_things_read_as_each_app_means_them():
    from django.template import Context, Template
    from django.utils import translation

    from complaints.choices import CaseStatus, Category
    from facilities.choices import WorkOrderStatus
    from hotelqa.choices import DepartmentKind, DownloadStatus
    from training.choices import CourseFormat

    with translation.override("zh-hans"):
        assert (str(CaseStatus.ASSIGNED.label), str(WorkOrderStatus.ASSIGNED.label)) == ("已指派", "已派工")
        assert (str(CaseStatus.IN_PROGRESS.label), str(WorkOrderStatus.IN_PROGRESS.label)) == ("处理中", "进行中")
        assert (str(Category.FOOD.label), str(DepartmentKind.FOOD_BEVERAGE.label)) == ("餐饮", "餐饮部")
        assert (str(DownloadStatus.FAILED.label), translation.gettext("Failed")) == ("失败", "不合格")
        assert str(CourseFormat.INTERNAL.label) == "内部培训"
        tabs = Template('{% load i18n %}{% translate "Due" context "revisits" %}|{% translate "Due" %}').render(Context())
        assert tabs == "已到期|截止时间"


def test_what_the_page_shows_is_our_translation_not_a_library_catalogues():
    """Django and the libraries ship catalogues of their own, and an app listed earlier in
    INSTALLED_APPS wins: "Sessions" read 会话 (django.contrib.sessions' login sessions) on the
    training pages. Every msgid of ours must come out as we translated it."""
    from django.utils import translation

    overridden = []
    with translation.override("zh-hans"):
        for path in catalogues():
            for entry in polib.pofile(str(path)):
                if entry.obsolete or "fuzzy" in entry.flags or entry.msgid_plural or not entry.msgstr:
                    continue
                shown = translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else translation.gettext(entry.msgid)
                if shown != entry.msgstr:
                    overridden.append(f"{entry.msgid!r} ({path.relative_to(ROOT).parts[0]}): ours {entry.msgstr!r}, shown {shown!r}")
    assert not overridden, "\n".join(overridden)
