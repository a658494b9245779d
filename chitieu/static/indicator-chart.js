// An indicator's yearly path with each plan's target drawn as a band or a line.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("trend");
  if (!el || !window.echarts) return;
  var d = JSON.parse(el.dataset.chart);
  var fmt = function (v) { return v === null || v === undefined ? "" : String(Math.round(v * 100) / 100).replace(".", ","); };
  var marks = d.bands.filter(function (b) { return b.low !== null; }).map(function (b) {
    return b.high !== null && b.high !== b.low
      ? [{ name: b.text + " (" + b.period + ")", yAxis: b.low }, { yAxis: b.high }]
      : null;
  }).filter(Boolean);
  // Several plans often set the same level ("đạt 65 %" to 2030, "duy trì 65 %" in 2030): one line
  // per level, its label naming each target once, instead of labels drawn over each other.
  var byLevel = {};
  d.bands.filter(function (b) { return b.low !== null && (b.high === null || b.high === b.low); })
    .forEach(function (b) {
      var key = String(b.low), text = b.text + " (" + b.period + ")";
      if (!byLevel[key]) byLevel[key] = { yAxis: b.low, names: [] };
      if (byLevel[key].names.indexOf(text) < 0) byLevel[key].names.push(text);
    });
  var lines = Object.keys(byLevel).map(function (k) {
    return { name: byLevel[k].names.join("; "), yAxis: byLevel[k].yAxis };
  });
  var chart = echarts.init(el);
  // tests and screenshots wait for this: the lines and points are drawn, the animation over
  chart.on("finished", function () { el.dataset.drawn = "1"; });
  chart.setOption({
    tooltip: { trigger: "axis", valueFormatter: fmt },
    grid: { left: 48, right: 24, top: 36, bottom: 32 },
    xAxis: { type: "category", data: d.years },
    yAxis: { type: "value", name: d.unit, scale: true, axisLabel: { formatter: fmt } },
    series: [{
      name: "Thực hiện", type: "line", data: d.values, symbolSize: 9, label: { show: true, formatter: function (p) { return fmt(p.value); } },
      markArea: { itemStyle: { color: "rgba(43,138,62,0.12)" }, data: marks },
      markLine: { symbol: "none", lineStyle: { type: "dashed", color: "#a4161a" }, label: { formatter: "{b}", position: "insideEndTop" }, data: lines }
    }].concat((d.provisional || []).some(function (v) { return v !== null; }) ? [{
      // tạm tính: verified figures not yet approved, drawn apart and never joined to the signed line
      name: "Tạm tính (chưa duyệt)", type: "scatter", data: d.provisional, symbol: "emptyCircle", symbolSize: 10,
      label: { show: true, position: "right", formatter: function (p) { return p.value === null ? "" : "Tạm tính " + fmt(p.value); } }
    }] : []),
    legend: { top: 0 }
  });
});
