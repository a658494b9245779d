// The page layout's behaviour, from a static file (the Content Security Policy forbids inline
// scripts): the "Menu" button folds the header's menu on a narrow screen, and every data table
// is put in a box that scrolls sideways, so a wide table never squeezes its columns unreadable.
// A box wider than the screen says so: a short line above it and a faded right edge while there
// is more to the side (decision 0058).
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

  // The line that says a box scrolls sideways sits just above the box; made once, then shown or
  // hidden as the box's width changes.
  function hintFor(box) {
    var hint = box.previousElementSibling;
    if (hint && hint.classList.contains("scroll-hint")) return hint;
    hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.hidden = true;
    hint.textContent = window.matchMedia("(pointer: coarse)").matches
      ? "Vuốt ngang để xem thêm cột"
      : "Cuộn ngang để xem thêm cột";
    box.parentElement.insertBefore(hint, box);
    return hint;
  }

  // the box's name for a screen reader: the table's caption, else the heading just above it
  function boxName(box, table) {
    var caption = table.querySelector("caption");
    if (caption) return caption.textContent;
    var heading = box.previousElementSibling;
    if (heading && heading.classList.contains("scroll-hint")) heading = heading.previousElementSibling;
    return heading && /^H[1-6]$/.test(heading.tagName) ? heading.textContent : "Bảng số liệu";
  }

  // the right edge fades while there is more to the right; scrolled to the end, it is clear
  function updateEdge(box) {
    var more = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
    box.classList.toggle("more-right", more);
  }

  // A box that scrolls must be reachable from the keyboard and named for a screen reader; one
  // that does not scroll stays out of the tab order.
  function updateBox(box) {
    var table = box.querySelector("table");
    if (!table) return;
    stickyOffsets(table);
    var wide = box.scrollWidth > box.clientWidth + 1;
    if (wide) {
      if (!box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", boxName(box, table).trim() + " (cuộn ngang)");
      }
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
    var above = box.previousElementSibling;
    if (wide || (above && above.classList.contains("scroll-hint"))) hintFor(box).hidden = !wide;
    updateEdge(box);
    if (!box.dataset.edge) {
      box.dataset.edge = "1";
      box.addEventListener(
        "scroll",
        function () {
          updateEdge(box);
        },
        { passive: true }
      );
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
