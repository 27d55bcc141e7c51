// Logging out with field-log activities still on this phone: ask first. They stay in the browser's storage
// (IndexedDB) until sent, so they are lost if the browser's data for the portal is cleared after logging out,
// and nobody else's account ever sends them (static/js/operatori/attivita.js).
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.indexedDB) return;
  var logoutPath = script.dataset.logout;
  var DB_NAME = "costellazioni-operatori";
  var STORE = "coda-attivita";

  function queued() {
    // Never create the database just to look: a citizen's browser has none.
    var known = indexedDB.databases
      ? indexedDB.databases().then(function (list) { return list.some(function (db) { return db.name === DB_NAME; }); })
      : Promise.resolve(true);
    return known.then(function (exists) {
      if (!exists) return 0;
      return new Promise(function (resolve) {
        var open = indexedDB.open(DB_NAME);
        open.onerror = function () { resolve(0); };
        open.onsuccess = function () {
          var db = open.result;
          if (!db.objectStoreNames.contains(STORE)) { db.close(); resolve(0); return; }
          var count = db.transaction(STORE, "readonly").objectStore(STORE).count();
          count.onsuccess = function () { db.close(); resolve(count.result); };
          count.onerror = function () { db.close(); resolve(0); };
        };
      });
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.logoutChecked) return;
    if (new URL(form.action, window.location.href).pathname !== logoutPath) return;
    event.preventDefault();
    queued().then(function (n) {
      var text = (n === 1 ? script.dataset.msgOne : script.dataset.msgOther).replace("%(n)s", String(n));
      if (n === 0 || window.confirm(text)) {
        form.dataset.logoutChecked = "1";
        form.submit();
      }
    });
  }, true);
})();
