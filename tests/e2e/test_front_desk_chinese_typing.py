"""Front desk typing Chinese: Enter that confirms a pinyin candidate does not save a half-typed case,
and the apology is something staff confirm, not a box that starts ticked."""

import re

from playwright.sync_api import expect

from complaints.models import Case

from .conftest import log_in

# What Chromium sends while a pinyin input method is open: the candidate-confirming Enter comes as
# a keydown with isComposing and key code 229 between compositionstart and compositionend.
IME_ENTER = """box => {
  let submits = 0;
  box.form.addEventListener("submit", event => { submits += 1; event.preventDefault(); });
  box.dispatchEvent(new CompositionEvent("compositionstart", {bubbles: true, data: ""}));
  box.value += "kongtiao";
  box.dispatchEvent(new KeyboardEvent("keydown", {bubbles: true, cancelable: true, key: "Enter", code: "Enter", isComposing: true, keyCode: 229}));
  box.value = box.value.replace("kongtiao", "空调");
  box.dispatchEvent(new CompositionEvent("compositionend", {bubbles: true, data: "空调"}));
  box.dispatchEvent(new KeyboardEvent("keydown", {bubbles: true, cancelable: true, key: "Enter", code: "Enter", keyCode: 229}));
  return submits;
}"""


def test_enter_confirming_a_pinyin_candidate_does_not_save(open_page, demo_org):
    page = open_page(language="zh-hans")
    log_in(page, "frontdesk.harbour")
    page.goto("/complaints/new/")
    expect(page.locator("#id_apology_confirmed")).not_to_be_checked()
    page.fill("#id_room_number", "301")
    page.fill("#id_description", "房间里的")
    assert page.locator("#id_description").evaluate(IME_ENTER) == 0, "the Enter of the input method submitted the form"
    page.reload()  # drops the listener that held submissions back
    page.fill("#id_room_number", "301")
    page.fill("#id_description", "房间里的空调不制冷")

    # Without the apology confirmed the complaint is refused with a message next to the box.
    page.focus("#id_description")
    page.keyboard.press("Enter")
    expect(page.locator("#div_id_apology_confirmed .invalid-feedback")).to_be_visible()
    assert Case.objects.count() == 0

    page.check("#id_apology_confirmed")
    page.focus("#id_description")
    page.keyboard.press("End")
    page.keyboard.press("Enter")  # a plain Enter, no input method open: saves
    expect(page).to_have_url(re.compile(r"/complaints/\d+/$"))
    case = Case.objects.get()
    assert case.description == "房间里的空调不制冷" and case.apology_confirmed
