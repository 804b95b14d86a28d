/* The loader for authorities' websites (docs/embedding.md).
 *
 *   <iframe src="https://portal.example/einbetten/musterstadt/" title="…"
 *           data-beteiligungsportal width="100%" height="600"></iframe>
 *   <script src="https://portal.example/static/portal/js/embed.js" defer></script>
 *
 * For each such frame on the portal's origin it tells the portal the host page's origin
 * (which the portal uses only when it is on the authority's list) and then sets the frame's
 * height from the portal's messages. A message is accepted only from the portal's origin,
 * from that very frame, and in the expected form.
 */
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const portalOrigin = new URL(script.src).origin;
  const MIN_HEIGHT = 150;
  const MAX_HEIGHT = 20000;
  const frames = [];

  function setUp(frame) {
    if (frame.dataset.beteiligungsportalReady) return;
    let url;
    try {
      url = new URL(frame.getAttribute("src"), window.location.href);
    } catch (error) {
      return;
    }
    if (url.origin !== portalOrigin) return;
    frame.dataset.beteiligungsportalReady = "1";
    frames.push(frame);
    if (url.searchParams.get("eltern") !== window.location.origin) {
      url.searchParams.set("eltern", window.location.origin);
      frame.src = url.href;
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== portalOrigin) return;
    const frame = frames.find(function (candidate) {
      return candidate.contentWindow === event.source;
    });
    if (!frame) return;
    const data = event.data;
    if (!data || typeof data !== "object" || data.type !== "beteiligungsportal:height") return;
    const height = Number(data.height);
    if (!Number.isFinite(height)) return;
    frame.style.height = Math.min(Math.max(Math.round(height), MIN_HEIGHT), MAX_HEIGHT) + "px";
  });

  function all() {
    document.querySelectorAll("iframe[data-beteiligungsportal]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
