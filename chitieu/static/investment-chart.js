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
  echarts.init(el).setOption({
    animation: false,
    tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v) + " tỷ đồng"; } },
    legend: { top: 0 },
    grid: { left: 64, right: 24, top: 40, bottom: 32 },
    xAxis: { type: "category", data: d.months },
    yAxis: { type: "value", name: "tỷ đồng", axisLabel: { formatter: fmt } },
    series: [
      { name: "Kế hoạch lũy kế", type: "line", data: d.plan, lineStyle: { type: "dashed" }, symbol: "none" },
      { name: "Giải ngân lũy kế (đã duyệt)", type: "line", data: d.actual, connectNulls: false },
      { name: "Giải ngân trong tháng", type: "bar", data: d.monthly, barMaxWidth: 18 }
    ]
  });
});
