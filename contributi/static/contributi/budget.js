// Live totals of the budget step: the total cost and the amount requested follow what the referente types,
// with the call's limits checked as services.budget_errors checks them on save. Totals change silently;
// screen readers hear only when the list of problems changes.
(function () {
  "use strict";

  var form = document.getElementById("budget-form");
  var box = document.querySelector("[data-budget-riepilogo]");
  var limitsEl = document.getElementById("budget-limiti");
  if (!form || !box || !limitsEl) return;

  var limits = JSON.parse(limitsEl.textContent);
  var warnings = box.querySelector("[data-budget-avvisi]");
  var locale = document.documentElement.lang || "it";
  var shown = "";

  function amount(input) {
    return input ? parseFloat(input.value) || 0 : 0;
  }

  // The same format as the server's |euro filter: "300.000,00 €" in Italian, "€300,000.00" in English.
  var money = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", useGrouping: "always" });
  function euro(value) {
    return money.format(value).replace(/\u00a0/g, " ");
  }

  function problems(total, cofin, requested) {
    var found = [];
    if (!total) return found;
    if (requested < limits.minimo) found.push(limits.messaggi.minimo);
    if (requested > limits.massimo) found.push(limits.messaggi.massimo);
    if (cofin * 100 < limits.percentuale * total) found.push(limits.messaggi.cofinanziamento);
    return found;
  }

  function update() {
    var total = 0;
    form.querySelectorAll(".voce-importo").forEach(function (input) { total += amount(input); });
    var cofin = amount(form.querySelector("[name=cofinanziamento]"));
    var requested = Math.max(total - cofin, 0);
    box.querySelector("[data-budget-totale]").textContent = euro(total);
    box.querySelector("[data-budget-richiesto]").textContent = euro(requested);
    var found = problems(total, cofin, requested);
    if (found.join("\n") === shown) return;
    shown = found.join("\n");
    warnings.replaceChildren();
    if (!found.length) return;
    var list = document.createElement("ul");
    list.className = "alert alert-warning mb-0 ps-5";
    found.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    warnings.appendChild(list);
  }

  form.addEventListener("input", update);
})();
