// Focus management, a rule of the project (README, "Com'è fatto il codice"):
// - after an htmx swap focus goes to the swapped region's error summary, else its heading (made focusable
//   with tabindex=-1), else back to the control that triggered the swap if it is still on the page;
//   a polite live region announces what changed (the region's data-announce, else its heading's text);
// - after a failed server-side submit the error summary ([data-error-summary]) gets focus on load, and each
//   of its links moves focus to the field it names.
(function () {
  "use strict";

  var live = null;

  function liveRegion() {
    if (!live) {
      live = document.createElement("div");
      live.className = "visually-hidden";
      live.id = "portal-live-region";
      live.setAttribute("aria-live", "polite");
      live.setAttribute("aria-atomic", "true");
      document.body.appendChild(live);
    }
    return live;
  }

  function announce(text) {
    var region = liveRegion();
    region.textContent = "";
    // A new text node in a later task, so screen readers notice the change even if the text repeats.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function focusOn(el) {
    if (!el.hasAttribute("tabindex") && !el.matches("a[href], button, input, select, textarea")) {
      el.setAttribute("tabindex", "-1");
    }
    el.focus();
  }

  function swappedRegion(detail) {
    var target = detail.target;
    if (target && target.isConnected) return target;
    var id = target && target.id;
    return id ? document.getElementById(id) : null;
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var region = swappedRegion(event.detail);
    if (!region) return;
    var summary = region.matches("[data-error-summary]") ? region : region.querySelector("[data-error-summary]");
    var heading = region.querySelector("h1, h2, h3, h4, h5, h6");
    var trigger = event.detail.elt;
    var text = region.dataset.announce || (heading ? heading.textContent.trim() : "");
    if (summary) {
      focusOn(summary);
      text = summary.textContent.trim().split("\n")[0];
    } else if (heading) {
      focusOn(heading);
    } else if (trigger && trigger.isConnected) {
      trigger.focus();
    }
    if (text) announce(text);
  });

  function focusSummary() {
    liveRegion();
    var summary = document.querySelector("[data-error-summary]");
    if (summary) focusOn(summary);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-link]");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });

  // After load, not before: scrolling to the URL's #fragment would otherwise take the focus back.
  if (document.readyState === "complete") focusSummary();
  else window.addEventListener("load", function () { window.setTimeout(focusSummary, 0); });
})();
