// Draws the quarterly growth path against the year's target (redrawn after each htmx swap), and
// shows on screen why an htmx request was refused.
(function () {
  function draw() {
    var el = document.getElementById("chart");
    if (!el || !window.echarts) return;
    var data = JSON.parse(el.dataset.chart || "{}");
    if (!data.quarters) return;
    var fmt = function (v) { return (v === null || v === undefined) ? "" : v.toFixed(2).replace(".", ","); };
    // every series its own colour, named in full in the key below the chart (chart-legend.js)
    var palette = ["#12355b", "#2b8a3e", "#c2410c", "#6b21a8", "#0b7285", "#9c6500", "#be185d", "#475569", "#1d4ed8"];
    var key = [];
    var series = Object.keys(data.series).map(function (name, i) {
      var colour = palette[i % palette.length];
      key.push({ name: name, colour: colour, shape: "solid" });
      return { name: name, type: "line", data: data.series[name], color: colour, label: { show: name === data.top, formatter: function (p) { return fmt(p.value); } },
               lineStyle: { width: name === data.top ? 4 : 1.5 } };
    });
    if (data.target.length) {
      series.push({ name: "Mục tiêu cả năm", type: "line", data: data.quarters.map(function () { return data.target[0]; }),
                    color: "#a4161a", lineStyle: { type: "dashed" }, symbol: "none" });
      series.push({ name: "Cả năm theo kịch bản", type: "line", data: data.quarters.map(function () { return data.year; }),
                    color: "#2b8a3e", lineStyle: { type: "dotted" }, symbol: "none" });
      key.push({ name: "Mục tiêu cả năm", colour: "#a4161a", shape: "line" });
      key.push({ name: "Cả năm theo kịch bản", colour: "#2b8a3e", shape: "dotted" });
    }
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: fmt, confine: true },
      legend: { show: false },
      grid: { left: 40, right: 16, top: 28, bottom: 28 },
      xAxis: { type: "category", data: data.quarters },
      yAxis: { type: "value", name: "%", axisLabel: { formatter: function (v) { return String(v).replace(".", ","); } } },
      series: series
    }, true);
    window.chitieuLegend(chart, el, key);
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSwap", draw);
  window.addEventListener("resize", function () { var el = document.getElementById("chart"); if (el && window.echarts && echarts.getInstanceByDom(el)) echarts.getInstanceByDom(el).resize(); });
})();

// htmx 2 swaps nothing on a 4xx answer. The editor's own answers (422: a bad cell, 409: someone
// saved first) are the editor with the reason in it, so they are swapped in; any other refusal
// (403: this account may not save) puts the server's message into #refusal, where it is seen.
(function () {
  document.addEventListener("htmx:beforeSwap", function (evt) {
    var status = evt.detail.xhr.status;
    if (status === 409 || status === 422) {
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
    }
  });

  function reason(xhr) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    var text = xhr.responseText || "";
    if (type.indexOf("text/plain") === 0 && text.trim()) return text.trim();
    if (type.indexOf("text/html") === 0 && text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var found = doc.querySelector(".msg.error") || doc.querySelector("main p");
      if (found && found.textContent.trim()) return found.textContent.trim();
    }
    if (xhr.status === 403) return "Bạn không có quyền thực hiện thao tác này.";
    if (xhr.status === 0) return "Không kết nối được máy chủ; thao tác chưa được thực hiện.";
    return "Máy chủ không thực hiện được thao tác (mã " + xhr.status + ").";
  }

  document.addEventListener("htmx:responseError", function (evt) {
    var box = document.getElementById("refusal");
    if (!box) {
      box = document.createElement("div");
      box.id = "refusal";
      box.className = "msg error";
      box.setAttribute("role", "alert");
      var main = document.querySelector("main") || document.body;
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = reason(evt.detail.xhr);  // text, never HTML from the response
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  });
  document.addEventListener("htmx:sendError", function () {
    var box = document.getElementById("refusal");
    if (box) { box.textContent = "Không kết nối được máy chủ; thao tác chưa được thực hiện."; box.hidden = false; }
  });
})();
