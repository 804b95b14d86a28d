/* Staff pages of statements: the map of the filtered statements (clusters with
 * leaflet.markercluster, a heat map with leaflet.heat, or vector-tile points), the area drawn
 * as a filter, and the place of one statement on its detail page.
 *
 * The maps themselves are made by portal/js/map.js (element.portalMap). Popups are built from
 * DOM nodes with textContent only: statement texts and names stay inert (SECURITY.md C1).
 */
(function () {
  "use strict";

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function config(element) {
    return JSON.parse(document.getElementById(element.dataset.mapConfig).textContent);
  }

  // Only our own paths become links (a defence in depth: the server builds them).
  function safePath(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" ? url : null;
  }

  function popupFor(props, text) {
    var box = el("div", null, { "class": "statement-popup" });
    box.appendChild(el("strong", props.reference || ""));
    var meta = [props.received, props.plan].filter(Boolean).join(" · ");
    if (props.late) meta += " · " + text.late;
    if (meta) box.appendChild(el("p", meta, { "class": "meta" }));
    if (props.excerpt) box.appendChild(el("p", props.excerpt));
    var href = safePath(props.url);
    if (href) {
      var p = el("p");
      p.appendChild(el("a", text.open.replace("%(reference)s", props.reference || ""), { href: href }));
      box.appendChild(p);
    }
    return box;
  }

  function setStatus(message) {
    var status = document.getElementById("statements-map-status");
    if (status) status.textContent = message;
  }

  function statementsMap(element, map, cfg) {
    var text = cfg.statementsText;
    var layers = { cluster: null, heat: null, tiles: null };
    var current = null;

    function show(view) {
      if (current) map.removeLayer(current);
      current = layers[view] || null;
      if (view === "tiles" && !layers.tiles && L.vectorGrid) {
        layers.tiles = L.vectorGrid.protobuf(cfg.statementMap.tiles, {
          rendererFactory: L.canvas.tile,
          interactive: true,
          maxNativeZoom: 20,
          vectorTileLayerStyles: {
            statements: function (props) {
              var colour = props.late ? "#b35900" : "#004b87";
              return { radius: 5, weight: 1, color: "#ffffff", fill: true, fillColor: colour, fillOpacity: 0.9 };
            },
          },
        });
        layers.tiles.on("click", function (e) {
          var props = e.layer.properties || {};
          var base = safePath(cfg.statementMap.detailBase) || "./";
          L.popup().setLatLng(e.latlng).setContent(popupFor({
            reference: props.reference, late: props.late,
            url: base + encodeURIComponent(props.uid || "") + "/",
          }, text)).openOn(map);
        });
        current = layers.tiles;
      }
      if (current) current.addTo(map);
      element.dataset.mapView = view;
    }

    document.querySelectorAll("input[name=map-view]").forEach(function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) show(radio.value); });
    });

    return fetch(cfg.statementMap.geojson, {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var features = data.features || [];
        var cluster = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
        var heatPoints = [];
        features.forEach(function (feature) {
          var c = feature.geometry && feature.geometry.coordinates;
          if (!c) return;
          var latlng = L.latLng(c[1], c[0]);
          var marker = L.marker(latlng, { title: feature.properties.reference || "", alt: feature.properties.reference || "" });
          marker.bindPopup(function () { return popupFor(feature.properties || {}, text); });
          cluster.addLayer(marker);
          heatPoints.push([c[1], c[0], 1]);
        });
        layers.cluster = cluster;
        layers.heat = L.heatLayer ? L.heatLayer(heatPoints, { radius: 25, blur: 18, maxZoom: 16 }) : null;
        var checked = document.querySelector("input[name=map-view]:checked");
        show(checked ? checked.value : "cluster");
        if (features.length && cluster.getBounds().isValid()) {
          map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 16, animate: false });
        }
        element.dataset.statementCount = String(features.length);
        setStatus(data.truncated ? text.truncated.replace("%(count)s", String(features.length))
          : text.count.replace("%(count)s", String(features.length)));
      });
  }

  function areaFilter(element, map, cfg) {
    var input = document.getElementById("id_area");
    var status = document.getElementById("area-status");
    var drawButton = document.getElementById("area-draw");
    var clearButton = document.getElementById("area-clear");
    var text = cfg.statementsText;
    var drawn = null;
    var style = { color: "#6a1b9a", weight: 2, dashArray: "6 4", fillOpacity: 0.08 };

    function keep(layer) {
      if (drawn && drawn !== layer) map.removeLayer(drawn);
      drawn = layer;
      if (layer.setStyle) layer.setStyle(style);
      if (input) input.value = JSON.stringify(layer.toGeoJSON().geometry);
      if (status) status.textContent = text.areaDrawn;
      if (clearButton) clearButton.hidden = false;
    }
    if (input && input.value) {
      try {
        L.geoJSON(JSON.parse(input.value), { style: style, interactive: false }).eachLayer(function (layer) {
          drawn = layer.addTo(map);
        });
      } catch (err) { input.value = ""; }
    }
    if (drawButton && map.pm) {
      drawButton.addEventListener("click", function () {
        map.pm.enableDraw("Polygon", { snappable: false });
      });
      map.on("pm:create", function (e) { keep(e.layer); });
    } else if (drawButton) {
      drawButton.hidden = true;
    }
    if (clearButton) {
      clearButton.addEventListener("click", function () {
        if (drawn) map.removeLayer(drawn);
        drawn = null;
        if (input) input.value = "";
        if (status) status.textContent = text.areaCleared;
        clearButton.hidden = true;
      });
    }
  }

  function detailMap(map, cfg) {
    var layer = L.geoJSON(cfg.statementLocation, {
      style: { color: "#004b87", weight: 4, fillColor: "#3a7bd5", fillOpacity: 0.3 },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 9, color: "#000000", weight: 3, fillColor: "#3a7bd5", fillOpacity: 1 });
      },
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 17, animate: false });
  }

  function init() {
    document.querySelectorAll(".portal-map[data-map-config]").forEach(function (element) {
      var map = element.portalMap;
      if (!map) return;
      var cfg = config(element);
      if (cfg.statementMap) {
        areaFilter(element, map, cfg);
        statementsMap(element, map, cfg)
          .then(function () { element.dataset.statementsReady = "true"; })
          .catch(function () {
            setStatus(cfg.text.loadFailed);
            element.dataset.statementsReady = "error";
          });
      }
      if (cfg.statementLocation) detailMap(map, cfg);
    });
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
