/* Check-in scanner: camera (BarcodeDetector or zxing-wasm), manual code, offline queue.
 *
 * Before the doors open the page downloads the event's ticket list: SHA-256 hashes of the
 * valid tokens, never names. Offline, a scanned token is hashed and looked up on the device,
 * and the check-in is queued in localStorage; when the connection is back the queue is sent
 * in one request and the server decides (first check-in wins). */
(function () {
  "use strict";
  var root = document.getElementById("scanner");
  if (!root) return;
  var d = root.dataset;
  var listKey = "portal-events-list:" + d.event;
  var queueKey = "portal-events-queue:" + d.event;
  var seenKey = "portal-events-seen:" + d.event;
  var resultBox = document.getElementById("scanner-result");
  var form = document.getElementById("token-form");
  var input = document.getElementById("id_token");
  var syncing = false;

  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) { localStorage.setItem(key, JSON.stringify(value)); }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return values[name]; });
  }
  function csrf() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function show(outcome, message) {
    resultBox.className = "scanner-result " + outcome;
    resultBox.textContent = message;
  }
  function showCounts(counts) {
    if (!counts) return;
    Object.keys(counts).forEach(function (name) {
      var cell = root.querySelector("[data-count=" + name + "]");
      if (cell) cell.textContent = counts[name];
    });
  }
  function showQueue() {
    var queue = load(queueKey, []);
    document.getElementById("scanner-queue").textContent =
      queue.length ? fill(d.textQueued, { n: queue.length }) : "";
  }
  function clock() {
    var now = new Date();
    return String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0");
  }
  function sha256(text) {
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (buf) {
      return Array.from(new Uint8Array(buf)).map(function (b) {
        return b.toString(16).padStart(2, "0");
      }).join("");
    });
  }
  function post(body) {
    return fetch(d.checkInUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.status >= 500) throw new Error("server");
      return response.json();
    });
  }

  function refreshList() {
    if (!navigator.onLine) return Promise.resolve();
    return fetch(d.ticketsUrl, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error("list");
      return r.json();
    }).then(function (list) {
      save(listKey, list);
      var seen = load(seenKey, {});
      Object.keys(list.checked).forEach(function (h) { seen[h] = list.checked[h]; });
      save(seenKey, seen);
      showCounts(list.counts);
      document.getElementById("scanner-connection").textContent =
        fill(d.textList, { n: list.hashes.length });
      root.dataset.listReady = "true";
    }).catch(function () {});
  }

  function checkInOffline(token) {
    var list = load(listKey, null);
    return sha256(token).then(function (hash) {
      var seen = load(seenKey, {});
      if (list && list.hashes.indexOf(hash) === -1) {
        show("forged", d.textOfflineUnknown);
        return;
      }
      if (seen[hash]) {
        show("already", fill(d.textOfflineAlready, { time: seen[hash] }));
        return;
      }
      seen[hash] = clock();
      save(seenKey, seen);
      var queue = load(queueKey, []);
      queue.push(token);
      save(queueKey, queue);
      showQueue();
      show("ok", list ? d.textOfflineOk : d.textNoList);
    });
  }

  function checkIn(token) {
    token = token.trim();
    if (!token) return Promise.resolve();
    if (!navigator.onLine) return checkInOffline(token);
    return post({ token: token }).then(function (answer) {
      if (answer.error) { show("forged", answer.error); return; }
      var result = answer.results[0];
      show(result.outcome, result.message);
      showCounts(answer.counts);
      if (result.ok || result.outcome === "already") {
        sha256(token).then(function (hash) {
          var seen = load(seenKey, {});
          seen[hash] = seen[hash] || clock();
          save(seenKey, seen);
        });
      }
    }).catch(function () { return checkInOffline(token); });
  }

  function sync() {
    var queue = load(queueKey, []);
    if (syncing || !queue.length || !navigator.onLine) return;
    syncing = true;
    post({ tokens: queue }).then(function (answer) {
      save(queueKey, load(queueKey, []).slice(queue.length));
      showQueue();
      showCounts(answer.counts);
      var problems = (answer.results || []).filter(function (r) { return !r.ok; });
      show(problems.length ? "already" : "ok", fill(d.textSynced, { n: queue.length }) +
        problems.map(function (r) { return " " + r.message; }).join(""));
      root.dataset.synced = String(Number(root.dataset.synced || 0) + 1);
    }).catch(function () {}).then(function () { syncing = false; });
  }

  function pollCounts() {
    if (!navigator.onLine) return;
    fetch(d.countsUrl, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(showCounts).catch(function () {});
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var token = input.value;
    input.value = "";
    checkIn(token).then(function () { input.focus(); });
  });
  window.addEventListener("online", function () {
    document.getElementById("scanner-connection").textContent = "";
    sync();
    refreshList();
  });

  // Camera: the browser's BarcodeDetector where it exists, else zxing-wasm (loaded on demand).
  var video = document.getElementById("camera-video");
  var startButton = document.getElementById("camera-start");
  var stopButton = document.getElementById("camera-stop");
  var stream = null, timer = null, last = "", lastAt = 0, reader = null;

  function loadReader() {
    if (reader) return Promise.resolve(reader);
    if ("BarcodeDetector" in window) {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      reader = function (canvas) {
        return detector.detect(canvas).then(function (codes) {
          return codes.map(function (c) { return c.rawValue; });
        });
      };
      return Promise.resolve(reader);
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = d.zxingUrl;
      script.onload = function () {
        window.ZXingWASM.prepareZXingModule({
          overrides: { locateFile: function (path, prefix) {
            return path.endsWith(".wasm") ? d.zxingWasm : prefix + path;
          } }
        });
        reader = function (canvas) {
          var context = canvas.getContext("2d");
          var image = context.getImageData(0, 0, canvas.width, canvas.height);
          return window.ZXingWASM.readBarcodes(image, { formats: ["QRCode"] }).then(
            function (codes) { return codes.map(function (c) { return c.text; }); });
        };
        resolve(reader);
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  function stopCamera() {
    if (timer) clearInterval(timer);
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null; timer = null;
    video.hidden = true; stopButton.hidden = true; startButton.hidden = false;
  }
  startButton.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show("forged", d.textCameraOff);
      return;
    }
    Promise.all([loadReader(), navigator.mediaDevices.getUserMedia(
      { video: { facingMode: "environment" }, audio: false })]).then(function (parts) {
      stream = parts[1];
      video.srcObject = stream;
      video.hidden = false; stopButton.hidden = false; startButton.hidden = true;
      video.play();
      var canvas = document.createElement("canvas");
      timer = setInterval(function () {
        if (!video.videoWidth) return;
        canvas.width = video.videoWidth; canvas.height = video.videoHeight;
        canvas.getContext("2d").drawImage(video, 0, 0);
        reader(canvas).then(function (texts) {
          var text = texts[0];
          // The same code in front of the camera is read many times a second: once per 3 s.
          if (!text || (text === last && Date.now() - lastAt < 3000)) return;
          last = text; lastAt = Date.now();
          checkIn(text);
        }).catch(function () {});
      }, 300);
    }).catch(function () { show("forged", d.textCameraOff); stopCamera(); });
  });
  stopButton.addEventListener("click", stopCamera);

  // A photo of the ticket (phones that refuse the live camera): decoded here, never uploaded.
  var photo = document.getElementById("photo-input");
  photo.addEventListener("change", function () {
    var file = photo.files && photo.files[0];
    if (!file) return;
    Promise.all([loadReader(), createImageBitmap(file)]).then(function (parts) {
      var bitmap = parts[1], canvas = document.createElement("canvas");
      canvas.width = bitmap.width; canvas.height = bitmap.height;
      canvas.getContext("2d").drawImage(bitmap, 0, 0);
      return reader(canvas);
    }).then(function (texts) {
      photo.value = "";
      if (!texts.length) { show("forged", d.textNoCode); return; }
      return checkIn(texts[0]);
    }).catch(function () { photo.value = ""; show("forged", d.textNoCode); });
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(d.swUrl, { scope: d.swScope }).catch(function () {});
  }
  if (!navigator.onLine) {
    document.getElementById("scanner-connection").textContent = d.textNoList;
  }
  showQueue();
  refreshList().then(sync);
  setInterval(pollCounts, 10000);
})();
