// Draws the KPI trend charts from the JSON the page carries (no inline scripts).
(function () {
  function draw(spec, large) {
    var canvas = document.getElementById(spec.id);
    if (!canvas || typeof Chart === "undefined") return;
    new Chart(canvas, {
      type: "line",
      data: {
        labels: spec.labels,
        datasets: [
          { data: spec.series, borderColor: "#0d6efd", backgroundColor: "rgba(13,110,253,.1)", fill: true, spanGaps: true, tension: 0.25, pointRadius: large ? 2 : 0 },
          { data: spec.labels.map(function () { return spec.target; }), borderColor: "#198754", borderDash: [4, 4], pointRadius: 0, fill: false }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: !large,
        plugins: { legend: { display: false }, tooltip: { enabled: large } },
        scales: { x: { display: large }, y: { display: large } }
      }
    });
  }
  var many = document.getElementById("kpi-charts");
  if (many) JSON.parse(many.textContent).forEach(function (spec) { draw(spec, false); });
  var one = document.getElementById("kpi-chart");
  if (one) draw(JSON.parse(one.textContent), true);
})();
