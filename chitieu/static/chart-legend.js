// A chart's key as HTML below the chart instead of ECharts' own legend: on a phone the names
// wrap onto as many lines as they need, nothing is cut off or paged, nothing is drawn over the
// plot, and each entry is a button large enough to tap that shows or hides its series.
window.chitieuLegend = function (chart, el, entries) {
  var list = el.nextElementSibling;
  if (!list || !list.classList.contains("chart-legend")) {
    list = document.createElement("ul");
    list.className = "chart-legend";
    list.setAttribute("aria-label", "Chú giải biểu đồ");
    el.parentNode.insertBefore(list, el.nextSibling);
  }
  list.textContent = "";
  entries.forEach(function (e) {
    var item = document.createElement("li");
    var swatch = document.createElement("span");
    swatch.className = "swatch " + (e.shape || "line");
    swatch.style.setProperty("--swatch", e.colour);
    swatch.setAttribute("aria-hidden", "true");
    if (e.toggle === false) {
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(e.name));
    } else {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("aria-pressed", "true");
      button.appendChild(swatch);
      button.appendChild(document.createTextNode(e.name));
      button.addEventListener("click", function () {
        var shown = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", shown ? "true" : "false");
        chart.dispatchAction({ type: shown ? "legendSelect" : "legendUnSelect", name: e.name });
      });
      item.appendChild(button);
    }
    list.appendChild(item);
  });
  return list;
};
