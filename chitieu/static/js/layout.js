// The page layout's behaviour, from a static file (the Content Security Policy forbids inline
// scripts): the "Menu" button folds the header's menu on a narrow screen, and every data table
// is put in a box that scrolls sideways, so a wide table never squeezes its columns unreadable.
// Without JavaScript the menu simply stays open and tables keep their usual layout.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function setupMenu() {
    var button = document.querySelector(".menu-toggle");
    var header = document.querySelector("header.top");
    if (!button || !header) return;
    button.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("open")) {
        header.classList.remove("open");
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

  function markCurrentPage() {
    var here = window.location.pathname;
    var best = null;
    document.querySelectorAll("#menu-chinh a[href]").forEach(function (link) {
      var path = new URL(link.href, window.location.href).pathname;
      if (path !== "/" && here.indexOf(path) === 0 && (!best || path.length > best.path.length)) {
        best = { link: link, path: path };
      }
    });
    if (best) best.link.setAttribute("aria-current", "page");
  }

  // A table's first column stays in view while the rest scrolls; the appendix keeps its row
  // number and the target's name, so the second column sits just right of the first.
  function stickyOffsets(table) {
    var first = table.querySelector("thead th:first-child");
    if (first) table.style.setProperty("--first-col", first.getBoundingClientRect().width + "px");
  }

  // A box that scrolls must be reachable from the keyboard and named for a screen reader; one
  // that does not scroll stays out of the tab order.
  function updateBox(box) {
    var table = box.querySelector("table");
    if (!table) return;
    stickyOffsets(table);
    if (box.scrollWidth > box.clientWidth + 1) {
      if (!box.hasAttribute("tabindex")) {
        var caption = table.querySelector("caption");
        var heading = box.previousElementSibling;
        var name = caption
          ? caption.textContent
          : heading && /^H[1-6]$/.test(heading.tagName)
            ? heading.textContent
            : "Bảng số liệu";
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name.trim() + " (cuộn ngang)");
      }
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  function wrapTables(scope) {
    scope.querySelectorAll("main table.list, main table.appendix").forEach(function (table) {
      var parent = table.parentElement;
      if (!parent.classList.contains("scroll")) {
        var box = document.createElement("div");
        box.className = "scroll";
        parent.insertBefore(box, table);
        box.appendChild(table);
        parent = box;
      }
      parent.classList.add("table-box");
      updateBox(parent);
    });
  }

  function refresh() {
    document.querySelectorAll("main .table-box").forEach(updateBox);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupMenu();
    markCurrentPage();
    wrapTables(document);
    window.addEventListener("resize", refresh);
  });
  // a fragment htmx swaps in may bring a table of its own
  document.addEventListener("htmx:afterSettle", function (event) {
    wrapTables(event.target.closest("main") ? event.target : document);
  });
})();
