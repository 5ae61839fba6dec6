/* The trainer's tablet: one tap marks a person present (or, tapped again, absent) without reloading. */
"use strict";
document.querySelectorAll(".tap-form").forEach(function (form) {
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var button = form.querySelector("button"), flag = form.querySelector("[name=attended]");
    button.disabled = true;
    fetch(form.action, {method: "POST", body: new FormData(form), headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json().then(function (data) { return {ok: r.ok, data: data}; }); })
      .then(function (res) {
        button.disabled = false;
        if (!res.ok) { alert(res.data.error || "?"); return; }
        button.classList.toggle("btn-success", res.data.attended);
        button.classList.toggle("btn-outline-secondary", !res.data.attended);
        button.setAttribute("aria-pressed", res.data.attended ? "true" : "false");
        flag.value = res.data.attended ? "0" : "1";
        document.querySelector("[data-present]").textContent = res.data.present;
      })
      .catch(function () { button.disabled = false; form.submit(); });
  });
});
