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
document.addEventListener("DOMContentLoaded", function () {
  if (!window.htmx) return;
  document.querySelectorAll("input[hx-get][hx-trigger], textarea[hx-get][hx-trigger]").forEach(function (field) {
    if (field.value !== field.defaultValue && /(^|[\s,])input\b/.test(field.getAttribute("hx-trigger"))) {
      htmx.ajax("GET", field.getAttribute("hx-get"), {source: field, target: field.getAttribute("hx-target") || field});
    }
  });
});
