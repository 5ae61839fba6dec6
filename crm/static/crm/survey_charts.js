// Survey analysis charts from the JSON the page carries (no inline scripts).
(function () {
  var node = document.getElementById("survey-chart");
  if (!node || typeof Chart === "undefined") return;
  var spec = JSON.parse(node.textContent);
  var colours = ["#0d6efd", "#198754", "#dc3545", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#d63384"];
  var means = document.getElementById("survey-means");
  if (means) {
    new Chart(means, {
      type: "bar",
      data: { labels: spec.labels, datasets: spec.series.map(function (s, i) { return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] }; }) },
      options: { animation: false, responsive: true, scales: { y: { min: 0, max: 5 } }, plugins: { legend: { display: spec.series.length > 1 } } }
    });
  }
  var nps = document.getElementById("survey-nps");
  if (nps) {
    new Chart(nps, {
      type: "bar",
      data: { labels: spec.nps.labels, datasets: [{ label: "NPS", data: spec.nps.data, backgroundColor: "#0d6efd" }] },
      options: { animation: false, responsive: true, indexAxis: "y", scales: { x: { min: -100, max: 100 } }, plugins: { legend: { display: false } } }
    });
  }
})();
