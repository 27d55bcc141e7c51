// Conditional questions: a question with data-mostra-se="d<id>" is shown only when that question has the
// answer in data-mostra-se-valore. Without JavaScript every question shows and the server ignores the
// hidden ones' answers.
(function () {
  "use strict";
  var form = document.querySelector(".ricerca-questionario");
  if (!form) return;
  function valori(nome) {
    return Array.prototype.filter
      .call(form.elements, function (el) {
        return el.name === nome && ((el.type !== "radio" && el.type !== "checkbox") || el.checked);
      })
      .map(function (el) { return el.value; });
  }
  function aggiorna() {
    form.querySelectorAll("[data-mostra-se]").forEach(function (blocco) {
      var visibile = valori(blocco.dataset.mostraSe).indexOf(blocco.dataset.mostraSeValore) !== -1;
      blocco.hidden = !visibile;
    });
  }
  form.addEventListener("change", aggiorna);
  aggiorna();
  var errori = document.getElementById("errori");
  if (errori) errori.focus();
})();
