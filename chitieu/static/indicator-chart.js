// An indicator's yearly path with each plan's numeric target over the years of its period: a
// band for a range, a dashed line for a bound or a value. The server works out the targets and
// the levels the value axis must reach (reporting/charts.py); the key is HTML below the chart.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("trend");
  if (!el || !window.echarts) return;
  var d = JSON.parse(el.dataset.chart);
  var fmt = function (v) { return v === null || v === undefined ? "" : String(Math.round(v * 100) / 100).replace(".", ","); };
  var years = d.years.map(Number);
  var pairs = function (values) { return years.map(function (y, i) { return [y, values[i]]; }); };
  // an axis that takes in every figure and every target, with room for the points' labels
  var lo = d.range.length ? d.range[0] : 0, hi = d.range.length ? d.range[1] : 1;
  var span = hi - lo || Math.abs(hi) || 1;
  var raw = span / 4, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  var step = [1, 2, 2.5, 5, 10].map(function (k) { return k * mag; }).filter(function (s) { return s >= raw; })[0];
  var yMin = Math.floor((lo - span * 0.15) / step) * step;
  if (lo >= 0 && yMin < 0) yMin = 0;
  var yMax = Math.ceil((hi + span * 0.15) / step) * step;
  var series = [{
    name: "Thực hiện", type: "line", data: pairs(d.values), color: "#12355b", symbolSize: 9, z: 5,
    label: { show: true, formatter: function (p) { return fmt(p.value[1]); } }
  }];
  var key = [{ name: "Thực hiện", colour: "#12355b", shape: "point" }];
  if ((d.provisional || []).some(function (v) { return v !== null; })) {
    // tạm tính: verified figures not yet approved, drawn apart and never joined to the signed line
    series.push({
      name: "Tạm tính (chưa duyệt)", type: "scatter", data: pairs(d.provisional), color: "#7a5a00", symbol: "emptyCircle", symbolSize: 10, z: 5,
      label: { show: true, position: "right", formatter: function (p) { return p.value[1] === null ? "" : "Tạm tính " + fmt(p.value[1]); } }
    });
    key.push({ name: "Tạm tính (chưa duyệt)", colour: "#7a5a00", shape: "point" });
  }
  d.targets.forEach(function (m) {
    // a target covers its years whole: from half a year before the first to half after the last
    var x0 = m.from - 0.5, x1 = m.to + 0.5;
    var s = { name: m.name, type: "line", data: [], color: m.colour, silent: true };
    if (m.shape === "band") {
      s.markArea = { silent: true, itemStyle: { color: m.colour, opacity: 0.16, borderColor: m.colour, borderWidth: 1, borderType: "dashed" },
                     data: [[{ xAxis: x0, yAxis: m.low }, { xAxis: x1, yAxis: m.high }]] };
    } else {
      s.markLine = { silent: true, symbol: "none", label: { show: false }, lineStyle: { type: "dashed", width: 2, color: m.colour },
                     data: [[{ coord: [x0, m.low] }, { coord: [x1, m.low] }]] };
    }
    series.push(s);
    key.push({ name: m.name, colour: m.colour, shape: m.shape });
  });
  // on a phone every other year is labelled when there are many
  var every = Math.ceil(years.length / Math.max(3, Math.floor(el.clientWidth / 48)));
  var labelled = years.filter(function (y, i) { return (years.length - 1 - i) % every === 0; });
  var chart = echarts.init(el);
  // tests and screenshots wait for this: the lines and points are drawn, the animation over
  chart.on("finished", function () { el.dataset.drawn = "1"; });
  chart.setOption({
    tooltip: { trigger: "axis", valueFormatter: fmt },
    legend: { show: false },
    grid: { left: 48, right: 20, top: 32, bottom: 28 },
    // years on a value axis, so that a target's band covers its years whole; ticks at the years
    xAxis: { type: "value", min: years[0] - 0.5, max: years[years.length - 1] + 0.5, splitLine: { show: false },
             axisTick: { customValues: years }, axisLabel: { customValues: labelled, hideOverlap: true, formatter: String } },
    yAxis: { type: "value", name: d.unit, min: yMin, max: yMax, interval: step, axisLabel: { formatter: fmt } },
    series: series
  });
  window.chitieuLegend(chart, el, key);
  window.addEventListener("resize", function () { chart.resize(); });
});
