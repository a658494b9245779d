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
      if (!parent.hasAttribute("tabindex")) {
        // a box that scrolls must be reachable from the keyboard, and named for a screen reader
        parent.setAttribute("tabindex", "0");
        parent.setAttribute("role", "region");
        var caption = table.querySelector("caption");
        var heading = parent.previousElementSibling;
        var name = caption ? caption.textContent : heading && /^H[1-6]$/.test(heading.tagName) ? heading.textContent : "Bảng số liệu";
        parent.setAttribute("aria-label", name.trim());
      }
      stickyOffsets(table);
    });
  }

  function refreshOffsets() {
    document.querySelectorAll("main table.appendix").forEach(stickyOffsets);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupMenu();
    markCurrentPage();
    wrapTables(document);
    window.addEventListener("resize", refreshOffsets);
  });
  // a fragment htmx swaps in may bring a table of its own
  document.addEventListener("htmx:afterSettle", function (event) {
    wrapTables(event.target.closest("main") ? event.target : document);
  });
})();
