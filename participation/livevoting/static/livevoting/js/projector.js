// Projector view of a live voting: polls the status document (ETag: 304 when unchanged) and
// redraws the question and its results with DOM nodes and textContent only (CSP: no inline
// script, no eval, no HTML strings).
(function () {
  "use strict";
  const root = document.getElementById("livevoting-projector");
  if (!root) return;
  const url = root.dataset.statusUrl;
  const interval = parseInt(root.dataset.pollMs, 10) || 800;
  const labels = root.dataset;
  let etag = null;
  let busy = false;

  function votesText(count) {
    return count + " " + (count === 1 ? labels.labelVote : labels.labelVotes);
  }

  function bars(question) {
    const list = document.createElement("ol");
    const words = question.type === "words";
    list.className = words ? "livevoting-cloud" : "livevoting-bars";
    const largest = Math.max(1, ...question.rows.map((row) => row.count));
    question.rows.forEach((row) => {
      const item = document.createElement("li");
      const label = document.createElement("span");
      label.className = words ? "livevoting-cloud__word" : "livevoting-bars__label";
      label.textContent = row.label;
      const count = document.createElement("span");
      count.className = words ? "livevoting-cloud__count" : "livevoting-bars__count";
      count.dataset.count = String(row.count);
      count.textContent = words ? " (" + row.count + ")" : " " + row.count + " (" + row.percent + " %)";
      if (words) {
        label.style.fontSize = (1 + 2 * row.count / largest).toFixed(2) + "em";
      } else {
        const bar = document.createElement("span");
        bar.className = "livevoting-bars__bar";
        bar.setAttribute("aria-hidden", "true");
        bar.style.width = row.percent + "%";
        item.append(label, count, bar);
        list.append(item);
        return;
      }
      item.append(label, count);
      list.append(item);
    });
    if (words && question.rows.length === 0) {
      const empty = document.createElement("li");
      empty.textContent = labels.labelNowords;
      list.append(empty);
    }
    return list;
  }

  function draw(data) {
    const question = data.question;
    const title = document.getElementById("projector-question");
    const state = document.getElementById("projector-state");
    const total = document.getElementById("projector-total");
    const results = document.getElementById("projector-results");
    results.replaceChildren();
    if (!question) {
      title.textContent = labels.labelNone;
      state.textContent = "";
      total.textContent = "";
      total.dataset.total = "0";
      return;
    }
    title.textContent = question.text;
    state.textContent = question.state_label;
    total.dataset.total = String(question.total);
    total.textContent = votesText(question.total) +
      (question.average !== null && question.average !== undefined
        ? " · " + labels.labelAverage + " " + question.average : "");
    if (question.show_results) {
      results.append(bars(question));
    } else {
      const note = document.createElement("p");
      note.textContent = labels.labelHidden;
      results.append(note);
    }
  }

  function poll() {
    if (busy) return;
    busy = true;
    const headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then((response) => {
        if (response.status === 304) return null;
        if (!response.ok) throw new Error("status " + response.status);
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then((data) => { if (data) draw(data); })
      .catch(() => { etag = null; })
      .finally(() => { busy = false; });
  }

  poll();
  window.setInterval(poll, interval);
})();
