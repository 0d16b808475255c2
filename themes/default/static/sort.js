// Sortable tables: turns each column header of table.sortable into a button
// that sorts the rows; the table is complete and readable without this.
(function () {
  "use strict";
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var num = th.getAttribute("data-type") === "num";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = x.cells[col], c = y.cells[col], r;
          if (num) r = parseFloat(a.getAttribute("data-value")) - parseFloat(c.getAttribute("data-value"));
          else r = a.textContent.localeCompare(c.textContent);
          return asc ? r : -r;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
