/* The portal's reusable map. Reads its configuration from a JSON data block
 * (see portal/templatetags/portal_map.py); builds popups from DOM nodes and textContent only,
 * never from HTML strings (user data must stay inert). */
(function () {
  "use strict";

  function featureStyle() {
    return { color: "#004b87", weight: 2, fillColor: "#3a7bd5", fillOpacity: 0.12 };
  }

  function popupFor(feature, config) {
    var props = feature.properties || {};
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = props.name || "";
    box.appendChild(title);
    if (config.linkFeatures && props.slug) {
      var p = document.createElement("p");
      var a = document.createElement("a");
      a.href = "/" + encodeURIComponent(props.slug) + "/";
      a.textContent = config.text.openPortal.replace("%(name)s", props.name || props.slug);
      p.appendChild(a);
      box.appendChild(p);
    }
    return box;
  }

  function initMap(element) {
    var config = JSON.parse(document.getElementById(element.dataset.mapConfig).textContent);
    L.Icon.Default.imagePath = config.leafletImagePath;
    var map = L.map(element, { keyboard: true }).setView(config.center, config.zoom);
    if (config.basemap.url) {
      L.tileLayer(config.basemap.url, {
        attribution: config.basemap.attribution,
        maxZoom: config.basemap.maxZoom,
      }).addTo(map);
    }
    element.portalMap = map;
    if (!config.geojsonUrl) {
      element.dataset.mapReady = "true";
      return;
    }
    fetch(config.geojsonUrl, { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: featureStyle,
          onEachFeature: function (feature, featureLayer) {
            featureLayer.bindPopup(function () { return popupFor(feature, config); });
          },
        }).addTo(map);
        if (config.fitToData && layer.getBounds().isValid()) {
          map.fitBounds(layer.getBounds(), { padding: [10, 10] });
        }
        element.dataset.featureCount = String(data.features ? data.features.length : 0);
        element.dataset.mapReady = "true";
      })
      .catch(function () {
        var note = document.createElement("p");
        note.className = "map-error";
        note.setAttribute("role", "alert");
        note.textContent = config.text.loadFailed;
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
