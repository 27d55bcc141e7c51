// Progressive enhancement for Costellazioni civiche. Every page works without this file.
(function () {
  "use strict";

  // Rating widget: show step 2 (the aspects for the chosen side) and step 3 once stars are chosen.
  function setupRating(form) {
    if (!form || form.dataset.ratingReady) return;
    form.dataset.ratingReady = "1";
    var stars = form.querySelectorAll('[data-rating-step="1"] input[type="radio"]');
    var step2 = form.querySelector('[data-rating-step="2"]');
    var step3 = form.querySelector('[data-rating-step="3"]');
    var sides = form.querySelectorAll("[data-rating-side]");
    form.querySelectorAll("[data-no-js-only]").forEach(function (el) { el.hidden = true; });

    function chosen() {
      var checked = form.querySelector('[data-rating-step="1"] input:checked');
      return checked ? parseInt(checked.value, 10) : 0;
    }

    function update() {
      var value = chosen();
      step2.hidden = value === 0;
      step3.hidden = value === 0;
      var side = value > 3 ? "positive" : "negative";
      sides.forEach(function (fieldset) {
        var active = value > 0 && fieldset.dataset.ratingSide === side;
        fieldset.hidden = !active;
        fieldset.disabled = !active;
        if (!active) {
          fieldset.querySelectorAll("input:checked").forEach(function (input) { input.checked = false; });
        }
      });
    }

    stars.forEach(function (input) { input.addEventListener("change", update); });
    update();
  }

  function setupAll(root) {
    (root || document).querySelectorAll("[data-rating-form]").forEach(setupRating);
  }

  document.addEventListener("DOMContentLoaded", function () { setupAll(document); });
  // htmx swaps the widget after a submission with errors: set the new one up as well.
  document.addEventListener("htmx:load", function (event) { setupAll(event.target); });
})();
