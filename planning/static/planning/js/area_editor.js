/* Drawing the Geltungsbereich of a plan (planning/forms/area.py).
 *
 * Progressive enhancement: the form field is a labelled GeoJSON text area that works without
 * this script. With it, a Leaflet map with the Leaflet.draw tools (bundled with django-leaflet)
 * appears in front of the text area; what is drawn is written into the text area as a
 * MultiPolygon in WGS84, and GeoJSON typed or pasted into it is drawn on the map. Texts come
 * from a JSON data block (no inline script); nothing from the data is inserted as HTML.
 */
(function () {
  "use strict";

  var AREA_STYLE = { color: "#c00000", weight: 3, fillColor: "#c00000", fillOpacity: 0.12 };
  var JURISDICTION_STYLE = { color: "#004b87", weight: 2, dashArray: "6 4", fill: false };

  function merge(target, source) {
    Object.keys(source || {}).forEach(function (key) {
      var value = source[key];
      if (value && typeof value === "object" && !Array.isArray(value)) {
        if (!target[key] || typeof target[key] !== "object") target[key] = {};
        merge(target[key], value);
      } else {
        target[key] = value;
      }
    });
    return target;
  }

  function polygonsFrom(data) {
    var polygons = [];
    function walk(item) {
      if (!item || typeof item !== "object") throw new Error("no GeoJSON");
      if (item.type === "FeatureCollection") (item.features || []).forEach(walk);
      else if (item.type === "Feature") walk(item.geometry);
      else if (item.type === "GeometryCollection") (item.geometries || []).forEach(walk);
      else if (item.type === "Polygon") polygons.push(item.coordinates);
      else if (item.type === "MultiPolygon") item.coordinates.forEach(function (c) { polygons.push(c); });
      else throw new Error("not a polygon");
    }
    walk(data);
    return polygons;
  }

  function init(container) {
    var config = JSON.parse(document.getElementById(container.dataset.areaEditor).textContent);
    var input = document.getElementById(config.inputId);
    var mapElement = document.getElementById(config.mapId);
    var hint = document.getElementById(mapElement.getAttribute("aria-describedby"));
    var status = document.getElementById(config.statusId);
    var clearButton = document.getElementById(config.clearId);
    if (!window.L || !L.Control || !L.Control.Draw) return; // the text area and the file remain

    mapElement.hidden = false;
    hint.hidden = false;
    clearButton.hidden = false;
    merge(L.drawLocal, { draw: config.text.draw, edit: config.text.edit });
    L.Icon.Default.imagePath = config.leafletImagePath;

    var map = L.map(mapElement, { keyboard: true, maxZoom: 22 }).setView(config.center, config.zoom);
    if (config.basemap.url) {
      L.tileLayer(config.basemap.url, {
        attribution: config.basemap.attribution, maxZoom: config.basemap.maxZoom,
      }).addTo(map);
    }
    var jurisdiction = null;
    if (config.jurisdiction) {
      jurisdiction = L.geoJSON(config.jurisdiction, { style: JURISDICTION_STYLE, interactive: false })
        .addTo(map);
    }
    var drawn = new L.FeatureGroup().addTo(map);

    function count() { return drawn.getLayers().length; }

    function describe() {
      status.textContent = count()
        ? config.text.drawn.replace("%(count)s", String(count()))
        : config.text.empty;
    }

    function write() {
      var polygons = [];
      drawn.eachLayer(function (layer) {
        var geometry = layer.toGeoJSON(7).geometry;
        if (geometry.type === "Polygon") polygons.push(geometry.coordinates);
        else if (geometry.type === "MultiPolygon") polygons = polygons.concat(geometry.coordinates);
      });
      input.value = polygons.length
        ? JSON.stringify({ type: "MultiPolygon", coordinates: polygons })
        : "";
      describe();
    }

    function readText() {
      var text = input.value.trim();
      var polygons = [];
      if (text) {
        try {
          polygons = polygonsFrom(JSON.parse(text));
        } catch (error) {
          return false;
        }
      }
      drawn.clearLayers();
      polygons.forEach(function (coordinates) {
        drawn.addLayer(L.polygon(L.GeoJSON.coordsToLatLngs(coordinates, 1), AREA_STYLE));
      });
      return true;
    }

    function fit() {
      var bounds = count() ? drawn.getBounds() : (jurisdiction ? jurisdiction.getBounds() : null);
      if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 17 });
    }

    readText();
    fit();
    map.addControl(new L.Control.Draw({
      position: "topright",
      draw: {
        polygon: { allowIntersection: false, showArea: false, shapeOptions: AREA_STYLE },
        rectangle: { showArea: false, shapeOptions: AREA_STYLE },
        polyline: false, circle: false, marker: false, circlemarker: false,
      },
      edit: { featureGroup: drawn, poly: { allowIntersection: false } },
    }));
    map.on(L.Draw.Event.CREATED, function (event) { drawn.addLayer(event.layer); write(); });
    map.on(L.Draw.Event.EDITED, write);
    map.on(L.Draw.Event.DELETED, write);
    input.addEventListener("change", function () {
      if (readText()) {
        status.textContent = config.text.loaded;
        fit();
      } else {
        status.textContent = config.text.invalid;
      }
    });
    clearButton.addEventListener("click", function () {
      drawn.clearLayers();
      write();
    });
    mapElement.areaMap = map;
    mapElement.areaLayers = drawn;
    mapElement.dataset.mapReady = "true";
  }

  function initAll() {
    document.querySelectorAll("[data-area-editor]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
