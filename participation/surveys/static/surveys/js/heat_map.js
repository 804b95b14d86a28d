/* Staff results of a survey: the heat map of the map answers (leaflet.heat) on the map made by
 * portal/js/map.js (element.portalMap). The points come from the page's JSON config block
 * (numbers only); the density table and the list below the map say the same without it.
 */
(function () {
  "use strict";

  function init() {
    var element = document.getElementById("heat-map");
    if (!element || !element.portalMap || !window.L) return;
    var map = element.portalMap;
    var cfg = JSON.parse(document.getElementById(element.dataset.mapConfig).textContent);
    var points = (cfg.surveyHeat || []).filter(function (p) {
      return Array.isArray(p) && isFinite(p[0]) && isFinite(p[1]);
    });
    if (points.length) {
      var bounds = L.latLngBounds(points.map(function (p) { return L.latLng(p[0], p[1]); }));
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16, animate: false });
    }
    if (L.heatLayer) {
      L.heatLayer(points.map(function (p) { return [p[0], p[1], 1]; }),
        { radius: 25, blur: 18, maxZoom: 16 }).addTo(map);
      element.dataset.heatPoints = String(points.length);
    } else {
      element.dataset.heatPoints = "error";
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
