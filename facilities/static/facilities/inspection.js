// Inspection form: answers are saved by htmx one item at a time. Tell the inspector when a save
// did not reach the server so only that answer needs repeating.
(function () {
  function stateOf(elt) {
    var item = elt.closest(".answer-item");
    return item ? item.querySelector(".save-state") : null;
  }
  document.addEventListener("htmx:sendError", function (event) {
    var state = stateOf(event.target);
    if (state) {
      state.textContent = state.getAttribute("data-offline");
      state.className = "save-state text-danger fw-semibold";
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var state = stateOf(event.target);
    if (state) {
      state.textContent = state.getAttribute("data-saving");
      state.className = "save-state text-body-secondary";
    }
  });
  // A 422 carries the item with its error message: show it instead of ignoring it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
