// Monitoring dashboard: Chart.js line charts and a Leaflet map over content that is already on the page
// (each chart has its table; the map has the table by quartiere). Without JavaScript nothing is lost.
(function () {
  "use strict";

  var numberFormat = new Intl.NumberFormat(document.documentElement.lang || "it", { maximumFractionDigits: 2 });

  function charts() {
    var source = document.getElementById("monitoraggio-grafici");
    if (!source || !window.Chart) return;
    JSON.parse(source.textContent).forEach(function (chart) {
      var canvas = document.getElementById(chart.id);
      if (!canvas) return;
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [{ label: chart.label + " (" + chart.unit + ")", data: chart.values, backgroundColor: "#0066cc" }],
        },
        options: {
          animation: false,
          responsive: true,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return numberFormat.format(v); } } } },
        },
      });
    });
  }

  function map() {
    var container = document.querySelector("[data-monitoraggio-map]");
    if (!container || !window.L) return;
    var source = document.getElementById(container.dataset.points);
    var points = source ? JSON.parse(source.textContent) : [];
    if (!points.length) return;
    container.hidden = false;
    var leaflet = L.map(container, { scrollWheelZoom: false, keyboard: true });
    L.tileLayer(container.dataset.tileUrl, { maxZoom: 18, attribution: container.dataset.attribution || "" }).addTo(leaflet);
    var top = Math.max.apply(null, points.map(function (p) { return p.valore || 0; }).concat([1]));
    var bounds = [];
    points.forEach(function (point) {
      var text = point.valore === null ? container.dataset.suppressed : numberFormat.format(point.valore);
      var radius = point.valore === null ? 6 : 6 + 24 * Math.sqrt(point.valore / top);
      L.circleMarker([point.lat, point.lng], { radius: radius, color: "#003366", fillColor: "#0066cc", fillOpacity: 0.5 })
        .bindTooltip(point.nome + ": " + text)
        .addTo(leaflet);
      bounds.push([point.lat, point.lng]);
    });
    leaflet.fitBounds(bounds, { padding: [30, 30] });
  }

  function init() {
    charts();
    map();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
