/* Inside an embedded page (/einbetten/<slug>/…; docs/embedding.md).
 *
 * - Links to the authority's pages stay in the frame (/einbetten/…), carrying the parent
 *   origin; links elsewhere open a new top-level window.
 * - The page's height is posted to the parent window, but only to the origin the server
 *   checked against the authority's list (data-embed-parent; empty: nothing is posted).
 *   postMessage with that target origin is delivered by the browser to no other page.
 */
(function () {
  "use strict";
  const body = document.body;
  const prefix = body.dataset.embedPrefix;
  const portalPrefix = body.dataset.embedPortalPrefix;
  const parentOrigin = body.dataset.embedParent || "";
  if (!prefix || !portalPrefix) return;
  const here = new URL(window.location.href);
  const grant = here.searchParams.get("beleg");

  function inFrame(url) {
    if (parentOrigin) url.searchParams.set("eltern", parentOrigin);
    // A receipt's own downloads (its PDF) keep the receipt's grant.
    if (grant && url.pathname.startsWith(here.pathname)) url.searchParams.set("beleg", grant);
    return url;
  }

  function rewrite(value) {
    const url = new URL(value, window.location.href);
    if (url.origin !== window.location.origin) return null;
    if (url.pathname.startsWith(prefix)) return inFrame(url);
    if (url.pathname.startsWith(portalPrefix)) {
      url.pathname = prefix + url.pathname.slice(portalPrefix.length);
      return inFrame(url);
    }
    return null;
  }

  function fixLink(link) {
    const href = link.getAttribute("href");
    if (!href || href.startsWith("#") || link.target === "_blank") return;
    const url = new URL(href, window.location.href);
    if (!/^https?:$/.test(url.protocol)) return;  // mailto:, tel:
    if (url.pathname.startsWith(prefix) && url.searchParams.has("eltern") === !!parentOrigin) return;
    const inside = rewrite(href);
    if (inside) {
      link.href = inside.href;
    } else {
      link.target = "_blank";
      link.rel = "noopener";
    }
  }
  document.querySelectorAll("a[href]").forEach(fixLink);
  // Links drawn later (map popups, lists filled by scripts): fixed when they are followed.
  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link) fixLink(link);
  }, true);
  for (const form of document.querySelectorAll("form")) {
    const action = form.getAttribute("action");
    if (action) {
      const inside = rewrite(action);
      if (inside) form.action = inside.href;
      else form.target = "_blank";
    }
    if ((form.method || "get").toLowerCase() === "get" && parentOrigin
        && !form.querySelector('input[name="eltern"]')) {
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = "eltern";
      field.value = parentOrigin;
      form.appendChild(field);
    }
  }

  if (!parentOrigin || window.parent === window) return;
  let last = 0;
  function postHeight() {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({type: "beteiligungsportal:height", height: height}, parentOrigin);
  }
  if ("ResizeObserver" in window) new ResizeObserver(postHeight).observe(document.body);
  window.addEventListener("load", postHeight);
  postHeight();
})();
