// claimwatch: reactions without a page reload. Pages work without this file; it only
// sends the reaction form through the JSON API and updates the counts in place.
(function () {
  "use strict";

  function show(form, state) {
    form.querySelectorAll("button.reaction").forEach(function (button) {
      var reaction = button.dataset.reaction;
      var chosen = state.mine === reaction;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
      button.value = chosen ? "" : reaction;
      button.title = chosen ? "Withdraw your reaction" : reaction.charAt(0).toUpperCase() + reaction.slice(1);
      button.querySelector(".reaction-count").textContent = String(state.counts[reaction] || 0);
    });
    var total = form.querySelector(".reaction-total");
    total.textContent = state.total + (state.total === 1 ? " reaction" : " reactions") +
      (state.mine ? "; yours: " + state.mine + " (choose it again to withdraw)" : "");
  }

  function send(form, value) {
    var section = form.closest(".reactions");
    section.classList.add("busy");
    fetch(form.dataset.api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": form.elements.csrf.value },
      body: JSON.stringify({ reaction: value || null })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.detail || "the reaction was not saved"); }
        return body;
      });
    }).then(function (state) {
      show(form, state);
      var error = form.querySelector(".reaction-error");
      if (error) { error.remove(); }
    }).catch(function (problem) {
      var error = form.querySelector(".reaction-error") || document.createElement("p");
      error.className = "reaction-error";
      error.setAttribute("role", "alert");
      error.textContent = problem.message;
      form.appendChild(error);
    }).finally(function () {
      section.classList.remove("busy");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.reaction-form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = event.submitter;
        if (button && button.classList.contains("reaction")) { send(form, button.value); }
      });
    });
  });
}());
