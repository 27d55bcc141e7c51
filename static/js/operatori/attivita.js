// The field-log form, offline first: every submission goes through an IndexedDB queue keyed by the
// activity's client-generated UUID, and is sent when the network allows. The server stores each UUID
// once, so a replay (a flaky connection, two tabs, a reload) never doubles an activity.
(function () {
  "use strict";

  var form = document.querySelector("[data-attivita-form]");
  if (!form || !window.indexedDB || !window.fetch) return;

  var DB_NAME = "costellazioni-operatori";
  var STORE = "coda-attivita";
  var countBox = document.querySelector("[data-coda]");
  var countEl = document.querySelector("[data-coda-count]");
  var statusEl = document.querySelector("[data-attivita-status]");
  var flushing = false;

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "uuid" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  var queue = {
    put: function (entry) { return withStore("readwrite", function (s) { return s.put(entry); }); },
    all: function () { return withStore("readonly", function (s) { return s.getAll(); }); },
    remove: function (uuid) { return withStore("readwrite", function (s) { return s.delete(uuid); }); }
  };

  function uuid4() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return ("0" + x.toString(16)).slice(-2); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function localNow() {
    var d = new Date();
    d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
    return d.toISOString().slice(0, 16);
  }

  function say(text, kind) {
    statusEl.textContent = text;
    statusEl.className = "alert alert-" + (kind || "info") + " mt-3";
    statusEl.hidden = false;
  }

  function refreshCount() {
    return queue.all().then(function (items) {
      countEl.textContent = String(items.length);
      countBox.hidden = items.length === 0;
      return items;
    });
  }

  function clearErrors() {
    form.querySelectorAll(".is-invalid").forEach(function (el) {
      el.classList.remove("is-invalid");
      el.removeAttribute("aria-invalid");
      // Keep the field's own help text: drop only the error this script added.
      var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
        return id && id.indexOf("js-error-") !== 0;
      });
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
      else el.removeAttribute("aria-describedby");
    });
    form.querySelectorAll("[data-js-error]").forEach(function (el) { el.remove(); });
  }

  function showErrors(errors) {
    clearErrors();
    var first = null;
    Object.keys(errors).forEach(function (name) {
      var field = form.querySelector('[name="' + name + '"]');
      var message = document.createElement("div");
      message.className = "invalid-feedback d-block";
      message.dataset.jsError = "";
      message.id = "js-error-" + name;
      message.textContent = errors[name].join(" ");
      if (field) {
        field.classList.add("is-invalid");
        field.setAttribute("aria-invalid", "true");
        var described = (field.getAttribute("aria-describedby") || "").trim();
        field.setAttribute("aria-describedby", (described ? described + " " : "") + message.id);
        field.insertAdjacentElement("afterend", message);
        first = first || field;
      } else {
        form.prepend(message);
      }
    });
    if (first) first.focus();
  }

  function send(entry) {
    var body = new FormData();
    entry.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    return fetch(entry.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) return { ok: true };
      if (response.status === 400) return response.json().then(function (data) { return { ok: false, errors: data.errors }; });
      return { ok: false, retry: true, status: response.status };
    });
  }

  function flush() {
    if (flushing || !navigator.onLine) return Promise.resolve();
    flushing = true;
    return queue.all().then(function (items) {
      return items.reduce(function (chain, entry) {
        return chain.then(function () {
          return send(entry).then(function (result) {
            if (result.ok) return queue.remove(entry.uuid);
            if (result.errors) {
              entry.errors = result.errors;
              return queue.put(entry);
            }
            if (result.status === 403) say(form.dataset.msgLogin, "warning");
          }, function () { /* still offline: keep it */ });
        });
      }, Promise.resolve());
    }).then(refreshCount).then(function (left) {
      if (items_sent(left)) say(form.dataset.msgSent, "success");
    }).finally(function () { flushing = false; });
  }

  var hadQueue = false;
  function items_sent(left) {
    var sent = hadQueue && left.length === 0;
    hadQueue = left.length > 0;
    return sent;
  }

  function resetForm() {
    var quartiere = form.elements.quartiere.value;
    form.reset();
    clearErrors();
    form.elements.uuid.value = uuid4();
    form.elements.svolta_il.value = localNow();
    form.elements.quartiere.value = quartiere;
    form.querySelectorAll("[data-formset-added]").forEach(function (row) { row.remove(); });
    form.querySelectorAll("[data-formset]").forEach(function (set) {
      set.querySelector('input[name$="-TOTAL_FORMS"]').value = "1";
    });
    form.elements.tipo.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var entry = {
      uuid: form.elements.uuid.value,
      action: form.action,
      fields: Array.from(new FormData(form).entries()).filter(function (pair) {
        return !(pair[1] instanceof File) || pair[1].size > 0;
      }),
      queued_at: new Date().toISOString()
    };
    queue.put(entry).then(function () {
      if (!navigator.onLine) return { offline: true };
      return send(entry).then(function (result) {
        if (result.ok) return queue.remove(entry.uuid).then(function () { return result; });
        return result;
      }, function () { return { offline: true }; });
    }).then(function (result) {
      if (result.errors) {
        queue.remove(entry.uuid);
        showErrors(result.errors);
        say(form.dataset.msgErrors, "danger");
        return refreshCount();
      }
      resetForm();
      if (result.ok) say(form.dataset.msgSaved, "success");
      else say(form.dataset.msgQueued, "warning");
      return refreshCount().then(function (left) { hadQueue = left.length > 0; });
    });
  });

  // Formsets: "add another need / follow-up" clones the empty form.
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var set = document.getElementById(button.dataset.formsetAdd);
      var total = set.querySelector('input[name$="-TOTAL_FORMS"]');
      var template = set.querySelector("template");
      var index = parseInt(total.value, 10);
      var wrapper = document.createElement("div");
      wrapper.dataset.formsetAdded = "";
      wrapper.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      set.querySelector("[data-formset-rows]").appendChild(wrapper);
      total.value = String(index + 1);
      var first = wrapper.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  });

  // Quartiere from the phone's position, only when the operator asks.
  var locate = document.querySelector("[data-locate]");
  var places = document.getElementById("quartieri-coordinate");
  if (locate && places && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var best = null;
        JSON.parse(places.textContent).forEach(function (q) {
          var d = Math.pow(q.lat - position.coords.latitude, 2) + Math.pow(q.lon - position.coords.longitude, 2);
          if (!best || d < best.d) best = { pk: q.pk, d: d };
        });
        if (best) form.elements.quartiere.value = String(best.pk);
      }, function () { say(form.dataset.msgNoPosition, "warning"); }, { timeout: 8000, maximumAge: 300000 });
    });
  }

  // A page served from the offline cache carries a stale UUID and time: every fresh form gets new ones.
  if (!form.dataset.bound) {
    form.elements.uuid.value = uuid4();
    form.elements.svolta_il.value = localNow();
  }

  if ("serviceWorker" in navigator && form.dataset.sw) {
    navigator.serviceWorker.register(form.dataset.sw, { scope: form.dataset.swScope }).catch(function () {});
  }
  window.addEventListener("online", flush);
  setInterval(flush, 30000);
  refreshCount().then(function (items) { hadQueue = items.length > 0; return flush(); });
})();
