// The antenna map and "near me": progressive enhancement over the server-rendered list, which stays the
// primary content. The visitor's position never leaves the browser: distances are computed here, from the
// antennas' public positions (a private person's is only the centre of their quartiere).
(function () {
  "use strict";

  var source = document.getElementById("antenne-punti");
  if (!source) return;
  var points = JSON.parse(source.textContent);
  var container = document.querySelector("[data-antenne-map]");
  var map = null;

  function setupMap() {
    if (!window.L || !container || !points.length) return;
    container.hidden = false;
    map = L.map(container, { scrollWheelZoom: false, keyboard: true });
    if (window.portalMapA11y) window.portalMapA11y(map);
    L.tileLayer(container.dataset.tileUrl, { maxZoom: 18, attribution: container.dataset.attribution || "" }).addTo(map);
    var bounds = points.map(function (point) {
      var marker = L.marker([point.lat, point.lng], { title: point.nome, alt: point.nome }).addTo(map);
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.nome;
      marker.bindPopup(link);
      return [point.lat, point.lng];
    });
    if (bounds.length === 1) map.setView(bounds[0], 15);
    else map.fitBounds(bounds, { padding: [30, 30] });
  }

  // Distance on the sphere, in km: enough to rank places a few kilometres apart.
  function km(a, b) {
    var rad = Math.PI / 180;
    var dLat = (b[0] - a[0]) * rad;
    var dLng = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLng / 2), 2);
    return 12742 * Math.asin(Math.sqrt(h));
  }

  function paragraph(text, css) {
    var p = document.createElement("p");
    p.className = css;
    p.textContent = text;
    return p;
  }

  function card(point, distanceText) {
    var item = document.createElement("li");
    item.className = "col-12 col-md-6 mb-3";
    var box = document.createElement("div");
    box.className = "card card-bg h-100";
    var body = document.createElement("div");
    body.className = "card-body";
    var title = document.createElement("h2");
    title.className = "h5 card-title";
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.nome;
    title.appendChild(link);
    body.appendChild(title);
    body.appendChild(paragraph(point.tipo + " · " + point.quartiere, "small mb-1"));
    if (point.servizi) body.appendChild(paragraph(point.servizi, "small mb-1"));
    body.appendChild(paragraph(distanceText, "small mb-0 fw-semibold"));
    box.appendChild(body);
    item.appendChild(box);
    return item;
  }

  function setupNearMe() {
    var button = document.querySelector("[data-vicino-a-me]");
    var list = document.querySelector("[data-antenne-lista]");
    var status = document.querySelector("[data-vicino-stato]");
    if (!button || !list || !status || !navigator.geolocation || !points.length) return;
    var shown = parseInt(button.dataset.quante, 10) || 20;
    var number = new Intl.NumberFormat(document.documentElement.lang || "it", { maximumFractionDigits: 1 });
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = button.dataset.msgCerco;
      navigator.geolocation.getCurrentPosition(function (position) {
        var here = [position.coords.latitude, position.coords.longitude];
        var nearest = points.map(function (point) {
          return { point: point, km: km(here, [point.lat, point.lng]) };
        }).sort(function (a, b) { return a.km - b.km; }).slice(0, shown);
        list.replaceChildren.apply(list, nearest.map(function (entry) {
          return card(entry.point, button.dataset.msgDistanza.replace("%s", number.format(entry.km)));
        }));
        list.dataset.ordinata = "distanza";
        document.querySelectorAll("[data-antenne-paginazione]").forEach(function (el) { el.hidden = true; });
        if (map) {
          map.setView(here, 14);
          L.circleMarker(here, { radius: 8, weight: 3 }).addTo(map).bindTooltip(button.dataset.msgQui);
        }
        status.textContent = button.dataset.msgOrdinate;
        button.disabled = false;
        (map ? container : list).scrollIntoView({ block: "start" });
      }, function () {
        status.textContent = button.dataset.msgNoPosizione;
        button.disabled = false;
      }, { timeout: 10000, maximumAge: 300000 });
    });
  }

  function init() {
    setupMap();
    setupNearMe();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
