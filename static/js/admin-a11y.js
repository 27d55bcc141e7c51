// Accessibility fixes for Django's admin widgets, which the portal cannot change in Django's templates:
// - the date and time halves of a date-time field get a <label> ("Data:", "Ora:") with the field's name;
// - select2 autocomplete selects are named by their field's label (or, in a tabular inline, by their column),
//   not only by their (maybe empty) value, and so is the search box of a multiple one, whose clear cross is
//   hidden from its list of choices;
// - the SelectFilter's search icons drop an aria-label a <span> may not carry (axe aria-prohibited-attr);
// - tabular inlines that scroll sideways on a phone become focusable regions named by their heading;
// - the fields of a tabular inline row and of a changelist's editable columns, labelled only by their
//   column's header, get that header as their name.
// It runs on load and again whenever the admin adds rows or widgets (inlines, SelectFilter, select2).
(function () {
  "use strict";

  var counter = 0;

  function uid(prefix) {
    counter += 1;
    return prefix + "-" + counter;
  }

  function fieldLabel(el) {
    var row = el.closest(".form-row, .fieldBox, td");
    if (row && row.tagName === "TD") {
      var table = row.closest("table");
      var index = Array.prototype.indexOf.call(row.parentNode.children, row);
      var th = table && table.querySelectorAll("thead th")[index];
      // A changelist's header holds the sort links next to the column's name, in div.text.
      return th ? (th.querySelector(".text") || th).textContent.trim() : "";
    }
    var label = row && row.querySelector("label");
    return label ? label.textContent.trim().replace(/:$/, "") : "";
  }

  function labelDateTimeHalves(root) {
    root.querySelectorAll("p.datetime input.vDateField, p.datetime input.vTimeField").forEach(function (input) {
      if (!input.id || input.dataset.a11yLabelled || input.closest("[id$='-empty']")) return;
      input.dataset.a11yLabelled = "1";
      var text = input.previousSibling;
      while (text && text.nodeType === Node.TEXT_NODE && !text.textContent.trim()) text = text.previousSibling;
      var label = document.createElement("label");
      label.htmlFor = input.id;
      var name = fieldLabel(input);
      if (name) {
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = name + ", ";
        label.appendChild(hidden);
      }
      if (text && text.nodeType === Node.TEXT_NODE) {
        label.appendChild(document.createTextNode(text.textContent.trim()));
        text.replaceWith(label, document.createTextNode(" "));
      } else {
        input.insertAdjacentElement("beforebegin", label);
      }
    });
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!select.id || !container || !container.classList.contains("select2")) return;
      var label = document.querySelector('label[for="' + select.id + '"]');
      if (!label) {
        // A tabular inline's select has no <label>: its column's header names it, through a hidden one.
        var name = fieldLabel(select);
        if (!name) return;
        label = document.getElementById(select.id + "-name");
        if (!label) {
          label = document.createElement("span");
          label.id = select.id + "-name";
          label.className = "visually-hidden";
          select.insertAdjacentElement("beforebegin", label);
        }
        if (label.textContent !== name) label.textContent = name;
      }
      if (!label.id) label.id = select.id + "-label";
      var combo = container.querySelector('[role="combobox"]');
      var rendered = container.querySelector(".select2-selection__rendered");
      var search = container.querySelector(".select2-search__field");
      if (rendered && rendered.getAttribute("role") === "textbox") {
        rendered.setAttribute("aria-labelledby", label.id);
      }
      if (combo) {
        combo.setAttribute("aria-labelledby", label.id + (rendered && rendered.id ? " " + rendered.id : ""));
      }
      if (search) search.setAttribute("aria-labelledby", label.id);
      // The mouse-only "clear" cross of a multiple select sits in its list of choices: a list item, hidden.
      container.querySelectorAll("ul.select2-selection__rendered > span.select2-selection__clear").forEach(
        function (cross) {
          cross.setAttribute("role", "listitem");
          cross.setAttribute("aria-hidden", "true");
        }
      );
    });
  }

  function fixTooltips(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]").forEach(function (span) {
      span.setAttribute("title", span.getAttribute("aria-label"));
      span.removeAttribute("aria-label");
      span.setAttribute("aria-hidden", "true");
    });
  }

  function nameScrollingInlines(root) {
    root.querySelectorAll('.inline-group[data-inline-type="tabular"]').forEach(function (group) {
      if (group.hasAttribute("tabindex")) return;
      var heading = group.querySelector("h2");
      if (!heading) return;
      if (!heading.id) heading.id = uid("inline-heading");
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "region");
      group.setAttribute("aria-labelledby", heading.id);
    });
  }

  function nameTabularFields(root) {
    var tabular = '.inline-group[data-inline-type="tabular"] td ';
    var changelist = "#result_list td ";
    root.querySelectorAll([tabular, changelist].map(function (scope) {
      return scope + "input, " + scope + "select, " + scope + "textarea";
    }).join(", ")).forEach(function (field) {
      if (field.type === "hidden" || field.hasAttribute("aria-label") || field.closest(".empty-form")) return;
      if (field.hasAttribute("aria-labelledby") || field.classList.contains("select2-search__field")) return;
      if (field.id && document.querySelector('label[for="' + field.id + '"]')) return;
      var name = fieldLabel(field);
      if (name) field.setAttribute("aria-label", name);
    });
  }

  function fixAll() {
    labelDateTimeHalves(document);
    nameTabularFields(document);
    nameAutocompletes(document);
    fixTooltips(document);
    nameScrollingInlines(document);
  }

  // The fixes run as soon as the admin's scripts change the page (a microtask, before anything else can read
  // it); the observer then forgets the changes the fixes made themselves, or it would wake itself for ever.
  window.addEventListener("load", function () {
    fixAll();
    var observer = new MutationObserver(function () {
      fixAll();
      observer.takeRecords();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  document.addEventListener("DOMContentLoaded", fixAll);
})();
