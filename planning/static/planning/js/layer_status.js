/* Live ingest status of a plan's layers on the staff plan page.
 *
 * While a layer is queued or running, the page asks the JSON status endpoint every few seconds,
 * updates the status and details cells and announces each change in a polite live region.
 * It stops when every layer is done or failed (or after repeated network errors); the plain
 * "reload the page" link stays as the fallback. Text is set with textContent only.
 */
(function () {
  "use strict";

  var INTERVAL_MS = 3000;
  var MAX_FAILURES = 5;

  function init(section) {
    var url = section.dataset.layerStatusUrl;
    var live = document.getElementById("layer-status-live");
    var fallback = document.getElementById("layer-status-fallback");
    var known = {};
    var failures = 0;
    section.querySelectorAll("tr[data-layer-uid]").forEach(function (row) {
      known[row.dataset.layerUid] = row.querySelector("[data-layer-status]").dataset.layerStatus;
    });

    function update(data) {
      var changes = [];
      data.layers.forEach(function (layer) {
        var row = null;
        section.querySelectorAll("tr[data-layer-uid]").forEach(function (candidate) {
          if (candidate.dataset.layerUid === layer.uid) row = candidate;
        });
        if (!row || known[layer.uid] === layer.status) return;
        var badge = row.querySelector("[data-layer-status]");
        var details = row.querySelector("[data-layer-details]");
        badge.textContent = layer.label;
        badge.dataset.layerStatus = layer.status;
        badge.className = "layer-status layer-status--" + layer.status;
        details.textContent = layer.details;
        details.classList.toggle("error", layer.status === "failed");
        changes.push(layer.name + ": " + layer.label + (layer.status === "failed" ? " – " + layer.details : ""));
        known[layer.uid] = layer.status;
      });
      if (changes.length && live) live.textContent = changes.join(". ");
      return data.final;
    }

    function finish() {
      section.dataset.layersPending = "false";
      if (fallback) {
        var pending = fallback.querySelector("[data-pending-text]");
        var finished = fallback.querySelector("[data-finished-text]");
        if (pending) pending.hidden = true;
        if (finished) finished.hidden = false;
      }
    }

    function schedule() { window.setTimeout(poll, INTERVAL_MS); }

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          failures = 0;
          if (update(data)) finish(); else schedule();
        })
        .catch(function () {
          failures += 1;
          if (failures < MAX_FAILURES) schedule();
        });
    }

    schedule();
  }

  function initAll() {
    document.querySelectorAll("[data-layer-status-url][data-layers-pending='true']").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
