/* Map questions of a survey: draw points, lines or areas on a map; the drawings are written
 * as GeoJSON into the question's text field, which works without JavaScript too (coordinates
 * or GeoJSON typed in). No inline script, no HTML strings: CSP-clean. */
(function () {
  "use strict";

  var KINDS = {
    map_point: { type: "MultiPoint", draw: "Marker" },
    map_line: { type: "MultiLineString", draw: "Line" },
    map_area: { type: "MultiPolygon", draw: "Polygon" },
  };

  function setUp(element) {
    var input = document.getElementById(element.getAttribute("data-field"));
    var kind = KINDS[element.getAttribute("data-kind")];
    if (!input || !kind || !window.L) return;
    element.hidden = false;
    element.style.height = "18rem";
    var centre = (element.getAttribute("data-center") || "51.1,13.2").split(",").map(parseFloat);
    var map = L.map(element, { keyboard: true }).setView(centre, 12);
    var tiles = element.getAttribute("data-basemap");
    if (tiles) {
      L.tileLayer(tiles, {
        maxZoom: parseInt(element.getAttribute("data-max-zoom"), 10) || 19,
        attribution: element.getAttribute("data-attribution") || "",
      }).addTo(map);
    }
    var group = L.featureGroup().addTo(map);

    function write() {
      var parts = [];
      group.eachLayer(function (layer) {
        var geometry = layer.toGeoJSON().geometry;
        parts.push(geometry.coordinates);
      });
      input.value = parts.length ? JSON.stringify({ type: kind.type, coordinates: parts }) : "";
    }

    if (input.value) {
      try {
        L.geoJSON(JSON.parse(input.value), {
          pointToLayer: function (f, latlng) { return L.marker(latlng); },
        }).eachLayer(function (layer) {
          if (layer.getLayers) layer.getLayers().forEach(function (l) { group.addLayer(l); });
          else group.addLayer(layer);
        });
        if (group.getLayers().length) map.fitBounds(group.getBounds(), { maxZoom: 16 });
      } catch (err) { /* the text stays as typed */ }
    }
    if (!map.pm) return;
    map.pm.addControls({
      position: "topleft", drawMarker: kind.draw === "Marker", drawPolyline: kind.draw === "Line",
      drawPolygon: kind.draw === "Polygon", drawCircleMarker: false, drawRectangle: false,
      drawCircle: false, drawText: false, editMode: true, dragMode: false, cutPolygon: false,
      removalMode: true, rotateMode: false,
    });
    // Geoman's buttons are links without text: give them names and keyboard focus.
    element.querySelectorAll(".leaflet-pm-toolbar a.leaflet-buttons-control-button").forEach(function (a) {
      var title = a.parentNode.getAttribute("title") || a.getAttribute("title") || "";
      a.setAttribute("role", "button");
      a.setAttribute("aria-label", title);
      a.setAttribute("href", "#");
      a.addEventListener("click", function (e) { e.preventDefault(); });
    });
    map.on("pm:create", function (e) {
      group.addLayer(e.layer);
      e.layer.on("pm:edit", write);
      write();
    });
    map.on("pm:remove", function (e) { group.removeLayer(e.layer); write(); });
  }

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }
  ready(function () { document.querySelectorAll(".survey-map").forEach(setUp); });
})();
