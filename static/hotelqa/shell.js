// Shell behaviour kept out of the pages so the Content-Security-Policy can forbid inline scripts.
document.addEventListener("change", function (event) {
  var form = event.target.closest("form[data-autosubmit]");
  if (form) form.submit();
});
document.addEventListener("click", function (event) {
  var el = event.target.closest("[data-confirm]");
  if (el && !window.confirm(el.getAttribute("data-confirm"))) event.preventDefault();
});
