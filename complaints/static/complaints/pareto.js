// Complaint-category Pareto chart on the dashboard; each bar opens the matching cases.
(function () {
  function draw() {
    var canvas = document.getElementById("complaints-pareto");
    var source = document.getElementById("complaints-pareto-data");
    if (!canvas || !source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", data: data.counts, yAxisID: "y", backgroundColor: "#0d6efd" },
          { type: "line", data: data.cumulative, yAxisID: "y2", borderColor: "#dc3545", pointRadius: 2 }
        ]
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true }, y2: { position: "right", min: 0, max: 100, grid: { display: false } } },
        onClick: function (event, elements) {
          if (elements.length) window.location.href = data.links[elements[0].index];
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length ? "pointer" : "default";
        }
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
