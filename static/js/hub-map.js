// HUB map: progressive enhancement over the list of HUBs, which stays the primary content.
// Reads the points from a json_script element and the tile URL from data attributes; without
// JavaScript, Leaflet or tiles the container stays hidden or shows just the markers.
(function () {
  "use strict";

  function setup(container) {
    if (!window.L || container.dataset.mapReady) return;
    var source = document.getElementById(container.dataset.points);
    if (!source) return;
    var points = JSON.parse(source.textContent);
    if (!points.length) return;
    container.dataset.mapReady = "1";
    container.hidden = false;
    var map = L.map(container, { scrollWheelZoom: false, keyboard: true });
    if (window.portalMapA11y) window.portalMapA11y(map);
    L.tileLayer(container.dataset.tileUrl, {
      maxZoom: 18,
      attribution: container.dataset.attribution || "",
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.marker([point.lat, point.lng], { title: point.nome, alt: point.nome }).addTo(map);
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.nome;
      marker.bindPopup(link);
      bounds.push([point.lat, point.lng]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 15);
    } else {
      map.fitBounds(bounds, { padding: [30, 30] });
    }
  }

  function init() {
    document.querySelectorAll("[data-hub-map]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
