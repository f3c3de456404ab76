"use strict";
// Sortable tables: click (or Enter on) a header to sort by that column; numbers by the cell's data-v.
(function () {
  function cellKey(row, column) {
    var cell = row.cells[column];
    if (!cell) { return { empty: true }; }
    var raw = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent.trim();
    if (raw === "") { return { empty: true }; }
    var number = Number(raw);
    return isNaN(number) ? { text: raw.toLowerCase() } : { number: number };
  }

  function compare(a, b) {
    if (a.number !== undefined && b.number !== undefined) { return a.number - b.number; }
    var x = a.number !== undefined ? String(a.number) : a.text;
    var y = b.number !== undefined ? String(b.number) : b.text;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function sortBy(table, header, column) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, key: cellKey(row, column), index: index };
    });
    rows.sort(function (a, b) {
      if (a.key.empty || b.key.empty) {
        return a.key.empty && b.key.empty ? a.index - b.index : a.key.empty ? 1 : -1;
      }
      var order = compare(a.key, b.key);
      return order === 0 ? a.index - b.index : ascending ? order : -order;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (header, column) {
      header.tabIndex = 0;
      header.addEventListener("click", function () { sortBy(table, header, column); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, header, column); }
      });
    });
  });

  // Following a link to a sample opens its drill-down.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // "Failed attempts only" filter of the drill-down.
  var onlyFailed = document.getElementById("only-failed");
  if (onlyFailed) {
    onlyFailed.addEventListener("change", function () {
      document.getElementById("samples").classList.toggle("only-failed", onlyFailed.checked);
    });
  }
})();
