/* Staff forms: after a failed submission, move the focus to the error summary, so screen reader
 * and keyboard users start at the list of what to correct (each entry links to its field). */
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
