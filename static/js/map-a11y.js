// Leaflet maps in the page's language and usable by keyboard: the zoom buttons and the popup's close
// button take their labels from this script tag's data attributes (translated by the template), and Esc
// closes an open popup and gives focus back to the marker that opened it. Loaded before the map scripts,
// which call window.portalMapA11y(map) right after L.map().
(function () {
  "use strict";

  var script = document.currentScript;
  var labels = {
    zoomIn: script.dataset.zoomIn,
    zoomOut: script.dataset.zoomOut,
    closePopup: script.dataset.closePopup,
  };

  window.portalMapA11y = function (map) {
    map.zoomControl.remove();
    window.L.control.zoom({
      zoomInTitle: labels.zoomIn,
      zoomOutTitle: labels.zoomOut,
    }).addTo(map);

    var opener = null;
    map.on("popupopen", function (event) {
      var source = event.popup._source;
      opener = source && source.getElement ? source.getElement() : null;
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", labels.closePopup);
        close.setAttribute("title", labels.closePopup);
      }
    });

    map.getContainer().addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !map._popup || !map.hasLayer(map._popup)) return;
      event.preventDefault();
      event.stopPropagation();
      var back = opener;
      map.closePopup();
      if (back) back.focus();
    });
  };
})();
