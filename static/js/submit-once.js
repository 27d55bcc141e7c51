// One effect per click: a form sent with POST is sent once. After the first submit its buttons are disabled
// (and announced as busy) until the next page arrives; the server also refuses duplicates, this only spares
// people the wait and the doubt. Forms marked data-submit-again, and htmx forms, are left alone.
(function () {
  "use strict";

  function buttons(form) {
    return form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]');
  }

  function release(form) {
    delete form.dataset.submitting;
    form.removeAttribute("aria-busy");
    buttons(form).forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
    if (form.hasAttribute("data-submit-again") || form.hasAttribute("hx-post")) return;
    if (form.dataset.submitting) {
      event.preventDefault();
      return;
    }
    if (event.defaultPrevented) return;
    form.dataset.submitting = "1";
    form.setAttribute("aria-busy", "true");
    // Disabled after this tick, so the clicked button's name and value still travel with the form.
    window.setTimeout(function () {
      buttons(form).forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      });
    }, 0);
  });

  // Back to a page kept in the browser's cache: its forms can be sent again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form[data-submitting]").forEach(release);
  });
})();
