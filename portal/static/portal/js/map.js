/* The portal's reusable map. Reads its configuration from a JSON data block
 * (see portal/templatetags/portal_map.py). Popups and controls are built from DOM nodes with
 * textContent only, never from HTML strings: user and file data must stay inert.
 *
 * Configuration keys (all optional except basemap/center/zoom):
 *   geojsonUrl     GeoJSON FeatureCollection of areas (authorities) to draw and fit to
 *   planTiles      URL template of vector tiles of plan areas (layer "plans")
 *   area           GeoJSON geometry of one plan's Geltungsbereich
 *   layers         [{uid, name, kind, tiles, geojson, style, bounds_wgs84, visible, tile_layer,
 *                   labels, ...}]
 *   layerSetTiles  URL template of the combined vector tiles (?layers=<tile_layer>,… is added)
 *   bounds         [minLon, minLat, maxLon, maxLat] to fit
 *   point          [lat, lon] of a selected place (marker)
 *   clickUrl       a click on the map opens clickUrl?lat=..&lon=.. ("which plans apply here")
 *   procedures     GeoJSON FeatureCollection of procedure points (the procedure overview):
 *                  properties title, kind, authority, phase, url
 */
(function () {
  "use strict";

  var STATUS_COLOURS = { in_preparation: "#b35900", in_force: "#1d6b2f", repealed: "#666666" };

  // Leaflet.VectorGrid 1.3 calls L.DomEvent.fakeStop, which Leaflet 1.8 removed.
  function shimVectorGrid() {
    if (window.L && L.DomEvent && !L.DomEvent.fakeStop) {
      L.DomEvent.fakeStop = function (e) { e._stopped = true; };
    }
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function format(template, name) { return template.replace("%(name)s", name); }

  function authorityPopup(feature, config) {
    var props = feature.properties || {};
    var box = el("div");
    box.appendChild(el("strong", props.name || ""));
    if (config.linkFeatures && props.slug) {
      var p = el("p");
      p.appendChild(el("a", format(config.text.openPortal, props.name || props.slug),
        { href: "/" + encodeURIComponent(props.slug) + "/" }));
      box.appendChild(p);
    }
    return box;
  }

  function styleFor(style, key) {
    var base = { color: "#004b87", weight: 1, fillColor: "#3a7bd5", fillOpacity: 0.35, fill: true };
    var defaults = (style && style["default"]) || {};
    var byValue = (style && style.values && style.values[key]) || {};
    return Object.assign({}, base, defaults, byValue);
  }

  function addAuthorities(map, element, config) {
    return fetch(config.geojsonUrl, { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function () {
            return { color: "#004b87", weight: 2, fillColor: "#3a7bd5", fillOpacity: 0.12 };
          },
          onEachFeature: function (feature, featureLayer) {
            featureLayer.bindPopup(function () { return authorityPopup(feature, config); });
          },
        }).addTo(map);
        if (config.fitToData && layer.getBounds().isValid()) {
          map.fitBounds(layer.getBounds(), { padding: [10, 10] });
        }
        element.dataset.featureCount = String(data.features ? data.features.length : 0);
      });
  }

  function addPlanTiles(map, config) {
    // Not interactive: a click anywhere lists every plan that applies at that place (plans
    // overlap, e.g. a Bebauungsplan inside a Flächennutzungsplan), on a page that works
    // without the map too.
    return L.vectorGrid.protobuf(config.planTiles, {
      rendererFactory: L.canvas.tile,
      interactive: false,
      maxNativeZoom: 18,
      vectorTileLayerStyles: {
        plans: function (props) {
          var colour = STATUS_COLOURS[props.status] || "#004b87";
          return { color: colour, weight: 2, fill: true, fillColor: colour, fillOpacity: 0.25 };
        },
      },
    }).addTo(map);
  }

  function layerControl(container, map, layer, summary, config) {
    if (!container) return;
    var id = "layer-" + summary.uid;
    var row = el("div", null, { "class": "layer-control" });
    var box = el("input", null, { type: "checkbox", id: id + "-show" });
    box.checked = summary.visible !== false;
    var label = el("label", format(config.text.show, summary.name), { "for": id + "-show" });
    box.addEventListener("change", function () {
      if (box.checked) { layer.addTo(); } else { layer.remove(); }
    });
    row.appendChild(box);
    row.appendChild(label);
    if (summary.kind === "raster") {
      var sliderLabel = el("label", format(config.text.opacity, summary.name), { "for": id + "-opacity" });
      var slider = el("input", null, {
        type: "range", id: id + "-opacity", min: "0", max: "100", step: "5", value: "80",
      });
      slider.addEventListener("input", function () { layer.setOpacity(Number(slider.value) / 100); });
      row.appendChild(sliderLabel);
      row.appendChild(slider);
    }
    container.appendChild(row);
  }

  function featurePopup(map, e, summary, config) {
    var props = e.layer.properties || {};
    var labels = (summary && summary.labels) || {};
    var meaning = props.key ? labels[props.key] || "" : "";
    var box = el("div");
    box.appendChild(el("strong", summary ? summary.name : ""));
    var name = props.label || "";
    if (name && meaning.indexOf(name) === -1) box.appendChild(el("p", name));
    if (meaning) box.appendChild(el("p", meaning));
    if (config.statementUrl && props.id) {
      var p = el("p");
      p.appendChild(el("a", config.text.comment, { href: config.statementUrl + "?objekt=" + encodeURIComponent(props.id) }));
      box.appendChild(p);
    }
    L.popup().setLatLng(e.latlng).setContent(box).openOn(map);
  }

  // All vector layers of a plan come from one tile source: one MVT per tile position holding
  // one MVT layer per visible map layer (named by its uid). Switching a layer on or off asks
  // for tiles with the new set of layers, so hidden layers are never loaded.
  function layerSet(map, config, vectors) {
    var shown = {};
    var byName = {};
    var styles = {};
    vectors.forEach(function (summary) {
      byName[summary.tile_layer] = summary;
      shown[summary.tile_layer] = summary.visible !== false;
      styles[summary.tile_layer] = function (props) {
        props._layer = summary.tile_layer;  // lets a click find the layer of the feature
        return styleFor(summary.style, props.key);
      };
    });
    function url() {
      var names = vectors.filter(function (s) { return shown[s.tile_layer]; });
      if (!names.length) return null;
      var params = new URLSearchParams();
      params.set("layers", names.map(function (s) { return s.tile_layer; }).join(","));
      params.set("v", names.map(function (s) { return s.version; }).join("."));
      return config.layerSetTiles + "?" + params.toString();
    }
    var first = url();
    var grid = L.vectorGrid.protobuf(first || config.layerSetTiles, {
      rendererFactory: L.canvas.tile,
      interactive: true,
      maxNativeZoom: 20,
      vectorTileLayerStyles: styles,
    });
    grid.on("click", function (e) {
      var props = e.layer.properties || {};
      featurePopup(map, e, byName[props._layer], config);
    });
    if (first) grid.addTo(map);
    return {
      toggle: function (summary, visible) {
        shown[summary.tile_layer] = visible;
        var next = url();
        if (!next) { map.removeLayer(grid); return; }
        grid.setUrl(next, true);
        if (map.hasLayer(grid)) { grid.redraw(); } else { grid.addTo(map); }
      },
    };
  }

  function addPlanLayers(map, element, config) {
    var container = document.getElementById(element.id + "-layers");
    var bounds = null;
    var vectors = (config.layers || []).filter(function (s) {
      return s.kind === "vector" && s.tile_layer && config.layerSetTiles;
    });
    var set = vectors.length ? layerSet(map, config, vectors) : null;
    (config.layers || []).forEach(function (summary) {
      var layer = null;
      if (summary.kind === "raster" && summary.tiles) {
        var options = { opacity: 0.8, maxZoom: 22, maxNativeZoom: summary.max_zoom || 20 };
        if (summary.bounds_wgs84) {
          var b = summary.bounds_wgs84;
          options.bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
          bounds = bounds ? bounds.extend(options.bounds) : L.latLngBounds(options.bounds);
        }
        layer = L.tileLayer(summary.tiles, options);
      } else if (set && vectors.indexOf(summary) !== -1) {
        layerControl(container, map, {
          addTo: function () { set.toggle(summary, true); },
          remove: function () { set.toggle(summary, false); },
        }, summary, config);
        return;
      } else if (summary.kind === "vector" && summary.tiles) {
        layer = L.vectorGrid.protobuf(summary.tiles, {
          rendererFactory: L.canvas.tile,
          interactive: true,
          maxNativeZoom: 20,
          vectorTileLayerStyles: {
            features: function (props) { return styleFor(summary.style, props.key); },
          },
        });
        layer.on("click", function (e) { featurePopup(map, e, summary, config); });
      }
      if (!layer) return;
      if (summary.visible !== false) layer.addTo(map);
      layerControl(container, map, {
        addTo: function () { layer.addTo(map); },
        remove: function () { map.removeLayer(layer); },
        setOpacity: function (value) { layer.setOpacity(value); },
      }, summary, config);
    });
    return bounds;
  }

  // Drawing the place of a statement (Leaflet-Geoman). The drawn geometry is written as GeoJSON
  // (WGS84) into the form's hidden field #id_location; only one geometry is kept.
  function addDrawing(map, element, config) {
    if (!map.pm) return;
    var input = document.getElementById("id_location");
    var status = document.getElementById("location-status");
    var clear = document.getElementById("location-clear");
    var drawn = null;
    // Plain words instead of Geoman's "Marker zeichnen / Polyline zeichnen / Layer editieren";
    // the texts come translated from the server, Geoman's own language fills the rest.
    var words = config.text.drawing || {};
    map.pm.setLang("portal", {
      buttonTitles: {
        drawMarkerButton: words.point, drawLineButton: words.line, drawPolyButton: words.area,
        editButton: words.edit, deleteButton: words.remove,
      },
    }, document.documentElement.lang === "de" ? "de" : "en");
    map.pm.addControls({
      position: "topleft", drawMarker: true, drawPolyline: true, drawPolygon: true,
      drawCircleMarker: false, drawRectangle: false, drawCircle: false, drawText: false,
      editMode: true, dragMode: false, cutPolygon: false, removalMode: true, rotateMode: false,
    });
    // Geoman's buttons are links without text: give them names and keyboard focus.
    element.querySelectorAll(".leaflet-pm-toolbar a.leaflet-buttons-control-button").forEach(function (a) {
      var title = a.parentNode.getAttribute("title") || a.getAttribute("title") || "";
      a.setAttribute("role", "button");
      a.setAttribute("aria-label", title);
      a.setAttribute("href", "#");
      a.addEventListener("click", function (e) { e.preventDefault(); });
    });
    function describe(layer) {
      var type = layer.toGeoJSON().geometry.type;
      var kind = type === "Point" ? config.text.kindPoint
        : type === "LineString" ? config.text.kindLine : config.text.kindArea;
      if (status) status.textContent = config.text.drawn.replace("%(kind)s", kind);
    }
    function store(layer) {
      if (drawn && drawn !== layer) map.removeLayer(drawn);
      drawn = layer;
      if (input) input.value = JSON.stringify(layer.toGeoJSON().geometry);
      describe(layer);
      if (clear) clear.hidden = false;
      layer.on("pm:edit", function () { store(layer); });
    }
    map.on("pm:create", function (e) { store(e.layer); });
    function forget() {
      drawn = null;
      if (input) input.value = "";
      if (status) status.textContent = config.text.cleared;
      if (clear) clear.hidden = true;
    }
    map.on("pm:remove", function (e) { if (e.layer === drawn) forget(); });
    if (clear) {
      clear.addEventListener("click", function () {
        if (drawn) map.removeLayer(drawn);
        forget();
      });
    }
    if (input && input.value) {
      try {
        L.geoJSON(JSON.parse(input.value), {
          pointToLayer: function (f, latlng) { return L.marker(latlng); },
          onEachFeature: function (f, layer) { store(layer); },
        }).addTo(map);
      } catch (err) { input.value = ""; }
    }
  }

  var DECISION_COLOURS = {
    considered: "#1d6b2f", partly: "#b35900", not_considered: "#b00020", noted: "#555555",
  };

  // Statements around the one being weighed: coloured by decision, the current one emphasised.
  function addStatements(map, config) {
    return L.geoJSON(config.statements, {
      pointToLayer: function (feature, latlng) {
        var props = feature.properties || {};
        return L.circleMarker(latlng, {
          radius: props.current ? 10 : 6, weight: props.current ? 4 : 2, color: "#000",
          fillColor: DECISION_COLOURS[props.decision] || "#ffffff", fillOpacity: 0.9,
        });
      },
      style: function (feature) {
        var props = feature.properties || {};
        return { color: props.current ? "#000" : DECISION_COLOURS[props.decision] || "#004b87",
                 weight: props.current ? 4 : 2 };
      },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(function () {
          var props = feature.properties || {};
          const decision = props.decision_label || props.decision;  // words, not the code
          return el("span", props.reference + (decision ? " – " + decision : ""));
        });
      },
    }).addTo(map);
  }

  // The procedure overview: one keyboard-focusable marker per procedure with a place; its popup
  // names the procedure and links its page (the list beside the map shows the same entries).
  function addProcedures(map, element, config) {
    var layer = L.geoJSON(config.procedures, {
      pointToLayer: function (feature, latlng) {
        var title = (feature.properties && feature.properties.title) || "";
        return L.marker(latlng, { title: title, alt: title, keyboard: true });
      },
      onEachFeature: function (feature, featureLayer) {
        featureLayer.bindPopup(function () {
          var props = feature.properties || {};
          var box = el("div");
          if (props.url) {
            var heading = el("strong");
            heading.appendChild(el("a", props.title || "", { href: props.url }));
            box.appendChild(heading);
          } else {
            box.appendChild(el("strong", props.title || ""));
          }
          box.appendChild(el("p", [props.kind, props.authority].filter(Boolean).join(" · ")));
          if (props.phase) box.appendChild(el("p", props.phase));
          return box;
        });
      },
    }).addTo(map);
    element.dataset.featureCount = String((config.procedures.features || []).length);
    return layer;
  }

  function initialBounds(config) {
    if (config.bounds) {
      var b = config.bounds;
      return L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
    }
    if (config.area) return L.geoJSON(config.area).getBounds();
    if (config.point) return L.latLngBounds([config.point, config.point]);
    return null;
  }

  function initMap(element) {
    shimVectorGrid();
    var config = JSON.parse(document.getElementById(element.dataset.mapConfig).textContent);
    L.Icon.Default.imagePath = config.leafletImagePath;
    var map = L.map(element, { keyboard: true, maxZoom: 22 });
    var initial = initialBounds(config);
    if (initial && initial.isValid()) {
      map.fitBounds(initial, { padding: [20, 20], maxZoom: 17, animate: false });
    } else {
      map.setView(config.center, config.zoom);
    }
    if (config.basemap.url) {
      L.tileLayer(config.basemap.url, {
        attribution: config.basemap.attribution,
        maxZoom: config.basemap.maxZoom,
      }).addTo(map);
    }
    element.portalMap = map;
    var pending = [];

    if (config.planTiles) element.portalPlanLayer = addPlanTiles(map, config);
    if (config.layers) {
      var rasterBounds = addPlanLayers(map, element, config);
      if (!initial && rasterBounds) map.fitBounds(rasterBounds, { animate: false });
    }
    if (config.area) {
      L.geoJSON(config.area, {
        style: { color: "#c00000", weight: 3, fill: false, dashArray: "8 4" },
        interactive: false,
      }).addTo(map);
      element.dataset.featureCount = "1";
    }
    if (config.draw) addDrawing(map, element, config);
    if (config.statements) addStatements(map, config);
    if (config.procedures) addProcedures(map, element, config);
    if (config.point) {
      L.circleMarker(config.point, { radius: 8, color: "#000", weight: 3, fillColor: "#ffbf47", fillOpacity: 1 })
        .bindTooltip(config.text.here).addTo(map);
    }
    if (config.geojsonUrl) pending.push(addAuthorities(map, element, config));
    if (config.clickUrl) {
      map.on("click", function (e) {
        var params = new URLSearchParams(config.clickParams || {});
        params.set("lat", e.latlng.lat.toFixed(6));
        params.set("lon", e.latlng.lng.toFixed(6));
        window.location.assign(config.clickUrl + "?" + params.toString() + "#results");
      });
    }
    Promise.all(pending)
      .then(function () { element.dataset.mapReady = "true"; })
      .catch(function () {
        var note = el("p", config.text.loadFailed, { "class": "map-error", role: "alert" });
        element.parentNode.insertBefore(note, element.nextSibling);
        element.dataset.mapReady = "error";
      });
  }

  function initAll() {
    document.querySelectorAll(".portal-map[data-map-config]").forEach(initMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
