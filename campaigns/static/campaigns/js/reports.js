/* Reach reports: draws each chart from its JSON island with Chart.js, and wires the print
 * button. Every chart has a table with the same figures next to it, so nothing is lost when
 * this script or Chart.js does not run. */
(function () {
  "use strict";

  // Colour-blind-safe palette (Okabe–Ito), each with a distinct dash for lines.
  var COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2], [8, 8]];

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function draw(canvas) {
    var island = document.getElementById(canvas.getAttribute("data-chart"));
    if (!island || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(island.textContent);
    var type = canvas.getAttribute("data-chart-type") || "line";
    var bars = type === "bar";
    var datasets = data.series.map(function (series, i) {
      var colour = COLOURS[i % COLOURS.length];
      return {
        label: series.label,
        data: series.data,
        borderColor: colour,
        backgroundColor: bars ? colour : colour + "33",
        borderDash: bars ? undefined : DASHES[i % DASHES.length],
        borderWidth: 2,
        pointRadius: data.labels.length > 60 ? 0 : 2,
        tension: 0.15
      };
    });
    var valueAxis = {
      beginAtZero: true,
      ticks: { precision: 0 }
    };
    if (data.percent) {
      valueAxis.max = 100;
      valueAxis.ticks.callback = function (value) { return value + " %"; };
    }
    var chart = new window.Chart(canvas, {
      type: type,
      data: { labels: data.labels, datasets: datasets },
      options: {
        indexAxis: bars ? "y" : "x",
        maintainAspectRatio: false,
        animation: reducedMotion() ? false : { duration: 300 },
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { display: data.series.length > 1, position: "bottom" } },
        scales: bars ? { x: valueAxis } : { y: valueAxis }
      }
    });
    canvas.setAttribute("data-chart-drawn", "true");
    return chart;
  }

  // The "Last 30 minutes" panel: its fragment fetched again every minute while the page is
  // visible (without this script the panel's own "Refresh" link reloads the report).
  function refresh(panel) {
    var every = (parseInt(panel.getAttribute("data-live-every"), 10) || 60) * 1000;
    window.setInterval(function () {
      if (document.visibilityState === "hidden" || !window.fetch) {
        return;
      }
      window.fetch(panel.getAttribute("data-live-url"), { credentials: "same-origin" })
        .then(function (response) {
          // a signed-out session is redirected to the login page: keep the panel as it is
          return response.ok && !response.redirected ? response.text() : null;
        })
        .then(function (html) {
          if (html) {
            panel.innerHTML = html;
          }
        }, function () { /* offline: try again next time */ });
    }, every);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
    Array.prototype.forEach.call(document.querySelectorAll("[data-live-url]"), refresh);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
