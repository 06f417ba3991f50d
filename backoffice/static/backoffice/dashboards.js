// Draws each dashboard chart from its json_script data (backoffice.dashboard_views); the
// table beside it already shows the same figures, so nothing is lost without this script.
(function () {
  "use strict";
  const COLOURS = ["#417690", "#c3732c", "#5b8c3a", "#8e4585"];

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    const data = JSON.parse(source.textContent);
    const unit = data.unit;
    const valueAxis = data.horizontal ? "x" : "y";
    new window.Chart(canvas, {
      type: data.kind,
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.values,
            backgroundColor: COLOURS[index % COLOURS.length],
            borderColor: COLOURS[index % COLOURS.length],
            spanGaps: true,
          };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: data.horizontal ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: {
          [valueAxis]: {
            beginAtZero: true,
            ticks: {
              callback: function (value) {
                return value.toLocaleString(document.documentElement.lang) + " " + unit;
              },
            },
          },
        },
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
