(function () {
  "use strict";
  function marksFor(section, attribute, value) {
    return Array.prototype.filter.call(section.querySelectorAll("mark[" + attribute + "]"), function (mark) {
      return mark.getAttribute(attribute).split(" ").indexOf(value) !== -1;
    });
  }
  function clear(section) {
    section.querySelectorAll("mark.is-active").forEach(function (m) { m.classList.remove("is-active"); });
    section.querySelectorAll(".item.is-selected").forEach(function (i) { i.classList.remove("is-selected"); });
  }
  function reveal(section, marks, itemKey) {
    clear(section);
    marks.forEach(function (m) { m.classList.add("is-active"); });
    var item = section.querySelector('.item[data-item="' + itemKey + '"]');
    if (item) { item.classList.add("is-selected"); }
    if (marks.length) {
      marks[0].scrollIntoView({ block: "center" });
      marks[0].focus({ preventScroll: true });
    }
  }
  function applyFilters(section) {
    var status = section.querySelector('[data-filter="status"]').value.split(" ").filter(Boolean);
    var severity = section.querySelector('[data-filter="severity"]').value;
    var text = section.querySelector('[data-filter="text"]').value.trim().toLowerCase();
    var items = section.querySelectorAll(".item");
    var shown = 0;
    items.forEach(function (item) {
      var ok = (!status.length || status.indexOf(item.dataset.status) !== -1) &&
        (!severity || item.dataset.severity === severity) &&
        (!text || item.dataset.search.indexOf(text) !== -1);
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    section.querySelector("[data-shown]").textContent = shown + " of " + items.length + " items shown";
  }
  document.querySelectorAll("section.document").forEach(function (section) {
    section.querySelectorAll("[data-filter]").forEach(function (control) {
      control.addEventListener("input", function () { applyFilters(section); });
      control.addEventListener("change", function () { applyFilters(section); });
    });
    section.querySelector("form.filters").addEventListener("submit", function (event) { event.preventDefault(); });
    applyFilters(section);
    section.addEventListener("click", function (event) {
      var show = event.target.closest("[data-show]");
      if (show) {
        reveal(section, marksFor(section, "data-items", show.dataset.show), show.dataset.show);
        return;
      }
      var link = event.target.closest("a[data-span]");
      if (link) {
        event.preventDefault();
        reveal(section, marksFor(section, "data-spans", link.dataset.span), link.dataset.itemKey);
        return;
      }
      var mark = event.target.closest("mark[data-items]");
      if (mark) {
        var first = mark.dataset.items.split(" ")[0];
        var item = section.querySelector('.item[data-item="' + first + '"]');
        if (item) {
          reveal(section, marksFor(section, "data-items", first), first);
          item.scrollIntoView({ block: "nearest" });
        }
      }
    });
  });
})();
