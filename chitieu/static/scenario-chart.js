// Draws the quarterly growth path against the year's target (redrawn after each htmx swap), and
// shows on screen why an htmx request was refused.
(function () {
  function draw() {
    var el = document.getElementById("chart");
    if (!el || !window.echarts) return;
    var data = JSON.parse(el.dataset.chart || "{}");
    if (!data.quarters) return;
    var fmt = function (v) { return (v === null || v === undefined) ? "" : v.toFixed(2).replace(".", ","); };
    var series = Object.keys(data.series).map(function (name) {
      return { name: name, type: "line", data: data.series[name], label: { show: name === data.top, formatter: function (p) { return fmt(p.value); } },
               lineStyle: { width: name === data.top ? 4 : 1.5 } };
    });
    if (data.target.length) {
      series.push({ name: "Mục tiêu cả năm", type: "line", data: data.quarters.map(function () { return data.target[0]; }),
                    lineStyle: { type: "dashed", color: "#a4161a" }, symbol: "none" });
      series.push({ name: "Cả năm theo kịch bản", type: "line", data: data.quarters.map(function () { return data.year; }),
                    lineStyle: { type: "dotted", color: "#2b8a3e" }, symbol: "none" });
    }
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: fmt },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 40, right: 16, top: 24, bottom: 56 },
      xAxis: { type: "category", data: data.quarters },
      yAxis: { type: "value", name: "%", axisLabel: { formatter: function (v) { return String(v).replace(".", ","); } } },
      series: series
    }, true);
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
