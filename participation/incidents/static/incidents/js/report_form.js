/* The reporting form's map pin and "my current position". Both only fill the latitude and
 * longitude fields, which work without JavaScript too (every map action has a field).
 * No inline script, no HTML strings: CSP-clean. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  ready(function () {
    var latInput = document.getElementById("id_latitude");
    var lonInput = document.getElementById("id_longitude");
    var status = document.getElementById("place-status");
    var mapElement = document.getElementById("report-map");
    var button = document.getElementById("use-my-position");
    var texts = document.getElementById("report-map-texts");
    if (!latInput || !lonInput) return;
    var map = mapElement && mapElement.portalMap;
    var marker = null;

    function say(text) { if (status) status.textContent = text; }

    function number(value) {
      var parsed = parseFloat(String(value).replace(",", "."));
      return isFinite(parsed) ? parsed : null;
    }

    function placeMarker(lat, lon, pan) {
      if (!map || !window.L) return;
      if (marker) marker.setLatLng([lat, lon]);
      else marker = L.marker([lat, lon], { keyboard: false }).addTo(map);
      if (pan) map.setView([lat, lon], Math.max(map.getZoom(), 16));
    }

    var nearbyBox = document.getElementById("nearby-reports");
    var categorySelect = document.getElementById("id_category");

    // "Is it one of these?": open reports of the chosen kind near the place, as links.
    function checkNearby() {
      if (!nearbyBox || !categorySelect || !categorySelect.value) return;
      var la = number(latInput.value), lo = number(lonInput.value);
      if (la === null || lo === null) return;
      var params = new URLSearchParams({ category: categorySelect.value, latitude: la,
                                         longitude: lo, format: "json" });
      fetch(nearbyBox.dataset.url + "?" + params.toString(), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { reports: [] }; })
        .then(function (data) {
          nearbyBox.textContent = "";
          if (!data.reports || !data.reports.length) return;
          nearbyBox.appendChild(document.createElement("p")).textContent = nearbyBox.dataset.textHeading;
          var list = nearbyBox.appendChild(document.createElement("ul"));
          data.reports.forEach(function (report) {
            var link = document.createElement("a");
            link.href = report.url;
            link.textContent = report.reference + ": " + report.category + " (" + report.status + ")";
            list.appendChild(document.createElement("li")).appendChild(link);
          });
        })
        .catch(function () { nearbyBox.textContent = ""; });
    }

    function setPlace(lat, lon, message, pan) {
      latInput.value = lat.toFixed(6);
      lonInput.value = lon.toFixed(6);
      placeMarker(lat, lon, pan);
      say((message || "") + " " + latInput.value + ", " + lonInput.value);
      checkNearby();
    }

    [latInput, lonInput, categorySelect].forEach(function (input) {
      if (input) input.addEventListener("change", checkNearby);
    });

    if (map) {
      map.on("click", function (e) {
        setPlace(e.latlng.lat, e.latlng.lng, texts ? texts.dataset.textPinned : "", false);
      });
      var lat = number(latInput.value), lon = number(lonInput.value);
      if (lat !== null && lon !== null) placeMarker(lat, lon, true);
      [latInput, lonInput].forEach(function (input) {
        input.addEventListener("change", function () {
          var la = number(latInput.value), lo = number(lonInput.value);
          if (la !== null && lo !== null && Math.abs(la) <= 90 && Math.abs(lo) <= 180) {
            placeMarker(la, lo, true);
          }
        });
      });
    }

    if (button && navigator.geolocation) {
      button.hidden = false;
      button.addEventListener("click", function () {
        say(button.dataset.textLocating);
        navigator.geolocation.getCurrentPosition(function (position) {
          setPlace(position.coords.latitude, position.coords.longitude,
            button.dataset.textFound, true);
        }, function () {
          say(button.dataset.textFailed);
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    }
  });
})();
