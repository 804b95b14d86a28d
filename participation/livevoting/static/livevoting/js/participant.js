// A participant's phone: polls which question is open (ETag: 304 when unchanged) and loads the
// page again when the moderator opens another question, unless the participant is typing.
(function () {
  "use strict";
  const root = document.getElementById("livevoting-participant");
  if (!root) return;
  const url = root.dataset.statusUrl;
  const shown = root.dataset.question || "0";
  const interval = parseInt(root.dataset.pollMs, 10) || 2000;
  let etag = null;

  function poll() {
    const headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then((response) => {
        if (response.status === 304 || !response.ok) return null;
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then((data) => {
        if (!data) return;
        const current = String(data.question || 0);
        if (current !== shown) {
          const form = root.querySelector("form");
          const typing = form && form.contains(document.activeElement) &&
            document.activeElement.type === "text" && document.activeElement.value;
          if (!typing) window.location.replace(window.location.pathname);
        }
      })
      .catch(() => { etag = null; });
  }

  window.setInterval(poll, interval);
})();
