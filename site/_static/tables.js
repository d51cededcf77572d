// The course site's data tables (the timeline, the places): a filter box above each table of class "data-table",
// and a button in each column heading that sorts the rows by that column (a second click: the other way round).
// Plain script, no library, nothing fetched.
(function () {
  "use strict";

  function cellText(row, column) {
    const cell = row.cells[column];
    return cell ? cell.textContent.trim() : "";
  }

  // Numbers compare as numbers, everything else (ISO dates included) as text; empty cells go last.
  function compare(a, b) {
    if (a === "" || b === "") {
      return (a === "") - (b === "");
    }
    const x = Number(a);
    const y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) {
      return x - y;
    }
    return a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
  }

  function enhance(table, number) {
    const body = table.tBodies[0];
    const headings = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
    const rows = Array.from(body.rows);
    const box = document.createElement("div");
    box.className = "data-table-filter";
    const label = document.createElement("label");
    label.htmlFor = "data-table-filter-" + number;
    label.textContent = "Show only rows containing";
    const input = document.createElement("input");
    input.type = "search";
    input.id = label.htmlFor;
    input.setAttribute("aria-controls", table.id || (table.id = "data-table-" + number));
    const status = document.createElement("p");
    status.className = "data-table-status";
    status.setAttribute("role", "status");
    box.append(label, input, status);
    const container = table.closest(".pst-scrollable-table-container") || table;
    container.parentNode.insertBefore(box, container);

    function filter() {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const row of rows) {
        const text = row.textContent.toLowerCase();
        row.hidden = !words.every((word) => text.includes(word));
        shown += row.hidden ? 0 : 1;
      }
      status.textContent = shown + " of " + rows.length + " rows shown.";
    }
    input.addEventListener("input", filter);
    filter();

    // Roles and labels that survive the narrow-screen layout (site.css shows each row as a card there).
    table.setAttribute("role", "table");
    for (const group of [table.tHead, ...table.tBodies]) {
      if (group) group.setAttribute("role", "rowgroup");
    }
    for (const row of table.rows) {
      row.setAttribute("role", "row");
    }
    headings.forEach((heading) => heading.setAttribute("role", "columnheader"));
    for (const row of rows) {
      Array.from(row.cells).forEach((cell, column) => {
        cell.setAttribute("role", "cell");
        cell.dataset.label = headings[column] ? headings[column].textContent.trim() : "";
        cell.classList.toggle("data-table-empty", cell.textContent.trim() === "");
      });
    }

    headings.forEach((heading, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "data-table-sort";
      button.textContent = heading.textContent.trim();
      button.title = "Sort by " + button.textContent;
      heading.replaceChildren(button);
      heading.setAttribute("aria-sort", "none");
      button.addEventListener("click", () => {
        const ascending = heading.getAttribute("aria-sort") !== "ascending";
        headings.forEach((other) => other.setAttribute("aria-sort", "none"));
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const sign = ascending ? 1 : -1;
        rows.sort((a, b) => {
          const x = cellText(a, column);
          const y = cellText(b, column);
          return x === "" || y === "" ? compare(x, y) : sign * compare(x, y);
        });
        body.append(...rows);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("table.data-table").forEach(enhance);
  });
})();
