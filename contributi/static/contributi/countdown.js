// Live countdown to a call's deadline on /bandi/<slug>/. The page already says how long is left; this
// keeps it current every second, tells screen readers only of coarse changes (a day, an hour, the last
// minutes) rather than every tick, and switches to "closed" at the deadline.
(function () {
  "use strict";

  var box = document.querySelector("[data-countdown]");
  var labelsEl = document.getElementById("countdown-labels");
  if (!box || !labelsEl) return;

  var labels = JSON.parse(labelsEl.textContent);
  var text = box.querySelector("[data-countdown-text]");
  var status = document.querySelector("[data-countdown-status]");
  var deadline = parseInt(box.dataset.termine, 10) * 1000;
  // The server's clock decides, not the device's: a phone running fast would show the call closed early.
  var skew = parseInt(box.dataset.now, 10) * 1000 - Date.now();
  var lastCoarse = null;
  var timer = null;

  function unit(n, key) {
    return n + " " + labels.unita[key][n === 1 ? 0 : 1];
  }

  function join(parts) {
    if (parts.length < 2) return parts[0];
    return parts.slice(0, -1).join(", ") + " " + labels.e + " " + parts[parts.length - 1];
  }

  function precise(ms) {
    var s = Math.floor(ms / 1000);
    var d = Math.floor(s / 86400);
    var h = Math.floor((s % 86400) / 3600);
    var m = Math.floor((s % 3600) / 60);
    var parts = [];
    if (d) parts.push(unit(d, "d"));
    if (h) parts.push(unit(h, "h"));
    if (m) parts.push(unit(m, "m"));
    if (!d && !h) parts.push(unit(s % 60, "s"));
    return join(parts);
  }

  function coarse(ms) {
    var minutes = Math.ceil(ms / 60000);
    if (minutes > 1440) return unit(Math.floor(minutes / 1440), "d");
    if (minutes > 60) return unit(Math.floor(minutes / 60), "h");
    if (minutes > 5) return unit(Math.ceil(minutes / 5) * 5, "m");
    return unit(minutes, "m");
  }

  function say(message) {
    if (status) status.textContent = message;
  }

  function tick() {
    var left = deadline - (Date.now() + skew);
    if (left <= 0) {
      window.clearInterval(timer);
      box.textContent = labels.chiuso;
      say(labels.chiuso);
      document.querySelectorAll("[data-countdown-cta]").forEach(function (el) { el.hidden = true; });
      return;
    }
    text.textContent = labels.mancano.replace("{tempo}", precise(left));
    var now = coarse(left);
    if (lastCoarse !== null && now !== lastCoarse) say(labels.mancano.replace("{tempo}", now));
    lastCoarse = now;
  }

  tick();
  timer = window.setInterval(tick, 1000);
})();
