// Shell behaviour kept out of the pages so the Content-Security-Policy can forbid inline scripts.
document.addEventListener("change", function (event) {
  var form = event.target.closest("form[data-autosubmit]");
  if (form) form.submit();
});
document.addEventListener("click", function (event) {
  var el = event.target.closest("[data-confirm]");
  if (el && !window.confirm(el.getAttribute("data-confirm"))) event.preventDefault();
});
// Scripts load after the page is shown, so a quick typist can fill a type-ahead before htmx has
// set up its listeners: that input event is lost, and htmx then takes the typed text as the
// starting value ("changed" ignores it). htmx sets up on DOMContentLoaded, in a listener added
// before this one: send the request of any such field that was typed into meanwhile.
// The same holds for a form that saves on "change" (an inspection answer tapped meanwhile is shown
// as chosen but was never sent): send the form of any field changed from what the page gave.
function changedFromPage(field) {
  if (field.type === "radio" || field.type === "checkbox") return field.checked !== field.defaultChecked;
  if (field.type === "file") return field.files && field.files.length > 0;
  if (field.options) return Array.prototype.some.call(field.options, function (o) { return o.selected !== o.defaultSelected; });
  return "defaultValue" in field && field.value !== field.defaultValue;
}
document.addEventListener("DOMContentLoaded", function () {
  if (!window.htmx) return;
  document.querySelectorAll("input[hx-get][hx-trigger], textarea[hx-get][hx-trigger]").forEach(function (field) {
    if (changedFromPage(field) && /(^|[\s,])input\b/.test(field.getAttribute("hx-trigger"))) {
      htmx.ajax("GET", field.getAttribute("hx-get"), {source: field, target: field.getAttribute("hx-target") || field});
    }
  });
  document.querySelectorAll("form[hx-post][hx-trigger]").forEach(function (form) {
    if (/(^|[\s,])change\b/.test(form.getAttribute("hx-trigger")) &&
        Array.prototype.some.call(form.elements, function (field) { return field.type !== "hidden" && changedFromPage(field); })) {
      htmx.trigger(form, "change");
    }
  });
});
