// Draws the quarterly growth path against the year's target; redrawn after each htmx swap.
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
