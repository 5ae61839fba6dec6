// Quick log: pick a guest from the type-ahead, and let Enter save from the text box.
(function () {
  var form = document.querySelector("form[data-quick-log]");
  if (!form) return;
  var hidden = form.querySelector("input[name=guest]");
  var search = form.querySelector("input[data-guest-search]");
  var picked = document.getElementById("guest-picked");
  var results = document.getElementById("guest-results");

  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-guest-id]");
    if (!option || !hidden) return;
    hidden.value = option.getAttribute("data-guest-id");
    if (search) search.value = option.getAttribute("data-guest-label");
    var alert = option.getAttribute("data-guest-alert");
    if (picked) {
      picked.textContent = "✓ " + option.getAttribute("data-guest-label");
      if (alert) {
        // VIP level and allergies stay in sight after the list closes.
        var flag = document.createElement("span");
        flag.className = "badge text-bg-danger ms-2";
        flag.setAttribute("data-guest-alert", "");
        flag.textContent = alert;
        picked.appendChild(flag);
      }
    }
    if (results) results.innerHTML = "";
    var room = form.querySelector("input[name=room_number]");
    var stayRoom = option.getAttribute("data-guest-room");
    if (room && stayRoom) room.value = stayRoom;  // the room of the current stay
    if (room) room.focus();
  });

  if (search) {
    search.addEventListener("input", function () {
      // Typing again means the earlier pick no longer applies.
      if (hidden) hidden.value = "";
      if (picked) picked.textContent = "";
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && results) {
        var first = results.querySelector("[data-guest-id]");
        if (first) { event.preventDefault(); first.click(); }
      }
    });
  }

  // An input method (pinyin) confirms its candidate with Enter: that Enter belongs to the IME, not
  // to the form. Chrome reports it as isComposing or as key code 229, and fires the keydown of the
  // confirming Enter just after compositionend, so the first Enter after it is ignored too.
  var composing = false;
  form.addEventListener("compositionstart", function () { composing = true; });
  form.addEventListener("compositionend", function () { setTimeout(function () { composing = false; }, 0); });

  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.isComposing || event.keyCode === 229 || composing) return;
    if (event.key === "Enter" && !event.shiftKey && target.hasAttribute("data-submit-on-enter")) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
})();
