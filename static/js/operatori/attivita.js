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

  // The queue belongs to the operator who filled it: on a shared phone another account never sends it.
  var owner = form.dataset.owner || "";
  function mine(items) {
    return items.filter(function (entry) { return !entry.owner || entry.owner === owner; });
  }
  function isRefused(entry) { return !!entry.errors; }

  var listEl = document.querySelector("[data-coda-lista]");
  var itemTemplate = document.querySelector("template[data-coda-item]");
  var refusedEl = document.querySelector("[data-coda-rifiutate]");
  var refusedBox = document.querySelector("[data-coda-rifiutate-box]");
  var refusedLabel = document.querySelector("[data-coda-rifiutate-label]");
  var unsent = 0;
  var hadQueue = false;

  function fieldValue(entry, name) {
    var pair = entry.fields.find(function (p) { return p[0] === name; });
    return pair ? pair[1] : "";
  }

  function optionText(name, value) {
    var select = form.elements[name];
    if (!select || !select.options) return value;
    var option = Array.from(select.options).find(function (o) { return o.value === value; });
    return option ? option.textContent.trim() : value;
  }

  // "30 nov 2026, 10:30" in the page's language; the raw value if the browser cannot read it.
  function when(value) {
    var date = new Date(String(value));
    if (isNaN(date.getTime())) return String(value);
    return date.toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function errorLines(entry) {
    var labels = entry.labels || {};
    return Object.keys(entry.errors || {}).map(function (name) {
      var text = [].concat(entry.errors[name]).join(" ");
      return labels[name] ? labels[name] + ": " + text : text;
    });
  }

  function renderItem(entry) {
    var node = itemTemplate.content.firstElementChild.cloneNode(true);
    var title = optionText("tipo", fieldValue(entry, "tipo"));
    node.dataset.uuid = entry.uuid;
    node.dataset.state = isRefused(entry) ? "rifiutata" : "da-inviare";
    node.querySelector("[data-entry-title]").textContent = title;
    node.querySelector("[data-entry-when]").textContent = when(fieldValue(entry, "svolta_il"));
    var state = node.querySelector("[data-entry-state]");
    var errors = node.querySelector("[data-entry-errors]");
    if (!isRefused(entry)) {
      state.textContent = form.dataset.msgPending;
      errors.remove();
      node.querySelector("[data-entry-actions]").remove();
      node.querySelector("[data-entry-confirm]").remove();
      return node;
    }
    state.textContent = form.dataset.msgRefused;
    errorLines(entry).forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      errors.appendChild(li);
    });
    var confirmBox = node.querySelector("[data-entry-confirm]");
    var discard = node.querySelector("[data-entry-discard]");
    node.querySelector("[data-entry-open]").setAttribute("aria-label", node.querySelector("[data-entry-open]").textContent.trim() + ": " + title);
    discard.setAttribute("aria-label", discard.textContent.trim() + ": " + title);
    node.querySelector("[data-entry-open]").addEventListener("click", function () { openEntry(entry); });
    discard.addEventListener("click", function () {
      confirmBox.hidden = false;
      confirmBox.querySelector("[data-entry-discard-no]").focus();
    });
    node.querySelector("[data-entry-discard-no]").addEventListener("click", function () {
      confirmBox.hidden = true;
      discard.focus();
    });
    node.querySelector("[data-entry-discard-yes]").addEventListener("click", function () {
      queue.remove(entry.uuid).then(function () {
        if (form.dataset.editing === entry.uuid) resetForm();
        say(form.dataset.msgDiscarded, "info");
        return refreshCount();
      });
    });
    return node;
  }

  // "N da inviare, M rifiutate": a refused activity is never counted as waiting for the network.
  function refreshCount() {
    return queue.all().then(function (all) {
      var items = mine(all).sort(function (a, b) { return a.queued_at < b.queued_at ? -1 : 1; });
      var refused = items.filter(isRefused);
      var pending = items.filter(function (e) { return !isRefused(e); });
      unsent = items.length;
      countEl.textContent = String(pending.length);
      refusedEl.textContent = String(refused.length);
      refusedLabel.textContent = refused.length === 1 ? form.dataset.msgRifiutateOne : form.dataset.msgRifiutateOther;
      refusedBox.hidden = refused.length === 0;
      countBox.hidden = items.length === 0;
      listEl.replaceChildren.apply(listEl, refused.concat(pending).map(renderItem));
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
      message.textContent = [].concat(errors[name]).join(" ");
      if (field) {
        var details = field.closest("details");
        if (details) details.open = true;
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

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function send(entry) {
    var body = new FormData();
    // Today's token, not the one saved with the entry: logging in again in between rotates it.
    var token = csrfToken();
    entry.fields.forEach(function (pair) {
      if (pair[0] === "csrfmiddlewaretoken" && token) return;
      body.append(pair[0], pair[1]);
    });
    if (token) body.append("csrfmiddlewaretoken", token);
    return fetch(entry.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) return { ok: true };
      if (response.status === 400) {
        return response.json().then(function (data) {
          return { ok: false, errors: data.errors || {}, labels: data.labels || {} };
        }, function () { return { ok: false, retry: true, status: 400 }; });
      }
      return { ok: false, retry: true, status: response.status };
    });
  }

  function markRefused(entry, result) {
    entry.errors = result.errors;
    entry.labels = result.labels;
    entry.refused_at = new Date().toISOString();
    return queue.put(entry);
  }

  function flush() {
    if (flushing || !navigator.onLine) return Promise.resolve();
    flushing = true;
    return queue.all().then(function (all) {
      // A refused activity waits for the operator: sent again unchanged it would be refused again.
      return mine(all).filter(function (e) { return !isRefused(e); }).reduce(function (chain, entry) {
        return chain.then(function () {
          return send(entry).then(function (result) {
            if (result.ok) return queue.remove(entry.uuid);
            if (result.errors) return markRefused(entry, result);
            if (result.status === 403) say(form.dataset.msgLogin, "warning");
          }, function () { /* still offline: keep it */ });
        });
      }, Promise.resolve());
    }).then(refreshCount).then(function (left) {
      var refused = left.filter(isRefused).length;
      var pending = left.length - refused;
      if (hadQueue && pending === 0) {
        if (refused) say(form.dataset.msgRefused, "danger");
        else say(form.dataset.msgSent, "success");
      }
      hadQueue = pending > 0;
    }).finally(function () { flushing = false; });
  }

  function resetForm() {
    var quartiere = form.elements.quartiere.value;
    form.reset();
    clearErrors();
    delete form.dataset.editing;
    form.elements.uuid.value = uuid4();
    form.elements.svolta_il.value = localNow();
    form.elements.quartiere.value = quartiere;
    form.querySelectorAll("[data-formset-added]").forEach(function (row) { row.remove(); });
    form.querySelectorAll("[data-formset]").forEach(function (set) {
      set.querySelector('input[name$="-TOTAL_FORMS"]').value = "1";
    });
    form.elements.tipo.focus();
  }

  // Put a refused activity back in the form, with the server's messages next to its fields.
  function openEntry(entry) {
    resetForm();
    form.querySelectorAll("[data-formset]").forEach(function (set) {
      var total = set.querySelector('input[name$="-TOTAL_FORMS"]');
      var wanted = parseInt(fieldValue(entry, total.name), 10) || 1;
      var add = document.querySelector('[data-formset-add="' + set.id + '"]');
      while (add && parseInt(total.value, 10) < wanted) add.click();
    });
    form.querySelectorAll('input[type="checkbox"], input[type="radio"]').forEach(function (box) { box.checked = false; });
    entry.fields.forEach(function (pair) {
      var name = pair[0], value = pair[1];
      if (name === "csrfmiddlewaretoken" || /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(name)) return;
      form.querySelectorAll('[name="' + name + '"]').forEach(function (field) {
        if (field.type === "checkbox" || field.type === "radio") {
          if (field.value === String(value)) field.checked = true;
        } else if (field.type === "file") {
          if (value instanceof Blob && window.DataTransfer) {
            var transfer = new DataTransfer();
            transfer.items.add(value instanceof File ? value : new File([value], "foto.jpg", { type: value.type }));
            field.files = transfer.files;
          }
        } else {
          field.value = value;
        }
      });
    });
    form.elements.uuid.value = entry.uuid;  // the same key: stored once, however many times it is sent
    form.dataset.editing = entry.uuid;
    say(form.dataset.msgEditing, "warning");
    showErrors(entry.errors || {});
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var entry = {
      uuid: form.elements.uuid.value,
      owner: owner,
      action: form.action,
      fields: Array.from(new FormData(form).entries()).filter(function (pair) {
        return !(pair[1] instanceof File) || pair[1].size > 0;
      }),
      queued_at: new Date().toISOString()
    };
    // Ask the browser to keep the queue under storage pressure (it may say no).
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    queue.put(entry).then(function () {
      if (!navigator.onLine) return { offline: true };
      return send(entry).then(function (result) {
        if (result.ok) return queue.remove(entry.uuid).then(function () { return result; });
        return result;
      }, function () { return { offline: true }; });
    }).then(function (result) {
      if (result.errors) {
        // Refused with the operator here: the form keeps it, and so does the queue until fixed or discarded.
        return markRefused(entry, result).then(function () {
          form.dataset.editing = entry.uuid;
          showErrors(result.errors);
          say(form.dataset.msgErrors, "danger");
          return refreshCount();
        });
      }
      resetForm();
      if (result.ok) say(form.dataset.msgSaved, "success");
      else say(form.dataset.msgQueued, "warning");
      return refreshCount().then(function (left) { hadQueue = left.some(function (e) { return !isRefused(e); }); });
    });
  });

  // Leaving with unsent activities: they stay on the phone, but say so before its data could go.
  window.addEventListener("beforeunload", function (event) {
    if (unsent > 0) {
      event.preventDefault();
      event.returnValue = form.dataset.msgLeave;
      return form.dataset.msgLeave;
    }
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
  refreshCount().then(function (items) {
    hadQueue = items.some(function (e) { return !isRefused(e); });
    return flush();
  });
})();
