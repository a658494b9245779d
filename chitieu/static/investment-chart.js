// A project's cumulative disbursement against its plan, and each month's approved amount.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("disbursement-curve");
  if (!el || !window.echarts) return;
  var d = JSON.parse(el.dataset.chart);
  var fmt = function (v) {
    if (v === null || v === undefined) return "";
    var parts = (Math.round(v * 10) / 10).toFixed(1).split(".");
    return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "," + parts[1];
  };
  var chart = echarts.init(el);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v) + " tỷ đồng"; } },
    // the key is HTML below the chart (chart-legend.js): drawn on top it covered the axis's name
    legend: { show: false },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: d.months },
    yAxis: { type: "value", name: "tỷ đồng", nameTextStyle: { align: "left" }, axisLabel: { formatter: function (v) { return fmt(v).replace(/,0$/, ""); } } },
    series: [
      { name: "Kế hoạch lũy kế", type: "line", data: d.plan, color: "#a4161a", lineStyle: { type: "dashed" }, symbol: "none" },
      { name: "Giải ngân lũy kế (đã duyệt)", type: "line", data: d.actual, color: "#12355b", connectNulls: false },
      { name: "Giải ngân trong tháng", type: "bar", data: d.monthly, color: "#5b8fc7", barMaxWidth: 18 }
    ]
  });
  window.chitieuLegend(chart, el, [
    { name: "Kế hoạch lũy kế", colour: "#a4161a", shape: "line" },
    { name: "Giải ngân lũy kế (đã duyệt)", colour: "#12355b", shape: "solid" },
    { name: "Giải ngân trong tháng", colour: "#5b8fc7", shape: "bar" }
  ]);
  window.addEventListener("resize", function () { chart.resize(); });
});
