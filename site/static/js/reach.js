/* ScamSense reach beacon: counts what lessons reach, with no cookie and no third party.
   Sends the events of docs/public-contract.md to POST /api/reach/events in batches of up to 20. Events wait
   in localStorage (at most 100) until the server confirms them with a 202, so a batch lost to
   a 503 or a dropped connection is retried later with the same ids (the server counts each
   id once). Honours Do Not Track and Global Privacy Control by sending nothing at all.
   The scenario player reports through DOM events (scamsense:scenario_start, :choice,
   :scenario_end) and knows nothing about campaigns. */
(function () {
  "use strict";
  var root = document.querySelector("[data-reach-page]");
  var nav = navigator;
  if (!root || !window.fetch || !window.JSON) return;
  if (nav.doNotTrack === "1" || window.doNotTrack === "1" || nav.globalPrivacyControl) return;

  var page = parseInt(root.getAttribute("data-reach-page"), 10);
  var endpoint = root.getAttribute("data-reach-endpoint") || "/api/reach/events";
  var QUEUE = "scamsense:reach-queue", VIA = "scamsense:via", MAX_QUEUE = 100, MAX_BATCH = 20;
  var store = function (kind) { try { return window[kind]; } catch (e) { return null; } };
  var local = store("localStorage"), session = store("sessionStorage");

  /* Attribution: /go/<code> sends ?via=<code>; keep it for this tab, tidy the address bar. */
  var params = new URLSearchParams(location.search), via = params.get("via"), link = null;
  if (via && /^[A-Za-z0-9_-]{3,32}$/.test(via)) {
    try { session.setItem(VIA, via); } catch (e) { link = via; }
    params.delete("via");
    var rest = params.toString();
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  }
  try { link = link || session.getItem(VIA); } catch (e) { /* no storage: unattributed */ }
  /* Inside a partner's frame (/embed/<code>/) the page names its link itself: there storage
     may be partitioned or refused, and no ?via= comes with it. */
  var own = root.getAttribute("data-reach-link");
  if (own && /^[A-Za-z0-9_-]{3,32}$/.test(own)) link = own;

  /* Campaign tags: utm_source/medium/campaign of the landing address, and the other site's
     host (nothing more of its address), kept for this tab like via; the server checks them. */
  var TAGS = "scamsense:tags", tags = {}, utm = {}, host = "";
  try { tags = JSON.parse(session.getItem(TAGS)) || {}; } catch (e) { tags = {}; }
  ["source", "medium", "campaign"].forEach(function (k) {
    var v = params.get("utm_" + k);
    if (v === null) return;
    params.delete("utm_" + k);
    tags.utm = utm;
    v = v.toLowerCase();
    if (/^[a-z0-9._-]{1,80}$/.test(v)) utm[k] = v;
  });
  try { host = new URL(document.referrer).hostname; } catch (e) { /* no referrer */ }
  if (host && host !== location.hostname && host.length <= 253) tags.ref = host;
  try { session.setItem(TAGS, JSON.stringify(tags)); } catch (e) { /* this page only */ }
  if (tags.utm === utm) {
    var left = params.toString();
    history.replaceState(history.state, "", location.pathname + (left ? "?" + left : "") + location.hash);
  }

  var queue = [];
  try { queue = JSON.parse(local.getItem(QUEUE)) || []; } catch (e) { queue = []; }
  function save() {
    queue = queue.slice(-MAX_QUEUE);
    try { local.setItem(QUEUE, JSON.stringify(queue)); } catch (e) { /* memory only */ }
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16)), h = "";
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) h += (b[i] + 256).toString(16).slice(1);
    return h.replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
  }
  var timer, backoff = 2000, sending = false;
  function schedule(delay) { clearTimeout(timer); timer = setTimeout(flush, delay || 2000); }
  function track(type, props) {
    queue.push({ id: uuid(), type: type, page: page, link: link, props: props || {},
      utm: tags.utm, ref: tags.ref });
    save();
    schedule();
  }
  function forget(batch) {
    var sent = {};
    batch.forEach(function (e) { sent[e.id] = 1; });
    queue = queue.filter(function (e) { return !sent[e.id]; });
    save();
  }
  function flush(leaving) {
    if (!queue.length) return;
    var batch = queue.slice(0, MAX_BATCH), body = JSON.stringify({ events: batch });
    if (leaving) {
      /* No answer comes back: the events stay queued and are resent (same ids) next time. */
      if (nav.sendBeacon && nav.sendBeacon(endpoint, new Blob([body], { type: "text/plain" }))) return;
    }
    if (sending) return;
    sending = true;
    fetch(endpoint, { method: "POST", body: body, keepalive: true, credentials: "omit",
      headers: { "Content-Type": "application/json" } })
      .then(function (r) {
        if (r.status === 202 || r.status === 400 || r.status === 413) { forget(batch); backoff = 2000; }
        else backoff = Math.min(backoff * 2, 60000); /* 429, 503: keep and retry later */
      }, function () { backoff = Math.min(backoff * 2, 60000); })
      .then(function () { sending = false; if (queue.length) schedule(backoff); });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush(true);
  });
  window.addEventListener("pagehide", function () { flush(true); });

  /* view (confirmed only when the page is actually seen) and engaged (10 s visible). */
  var viewed = false, visibleSeconds = 0;
  function seen() {
    if (document.visibilityState !== "visible") return;
    if (!viewed) { viewed = true; track("view"); }
  }
  seen();
  document.addEventListener("visibilitychange", seen);
  var engagedTimer = setInterval(function () {
    if (document.visibilityState === "visible" && ++visibleSeconds >= 10) {
      clearInterval(engagedTimer);
      track("engaged");
    }
  }, 1000);

  /* Progress helper: 25/50/75 % once each, then complete at the threshold. */
  function progress(threshold) {
    var sent = {}, done = false;
    return function (percent) {
      [25, 50, 75].forEach(function (m) {
        if (percent >= m && !sent[m]) { sent[m] = 1; track("progress", { percent: m }); }
      });
      if (percent >= threshold && !done) { done = true; track("complete", { percent: threshold }); }
    };
  }

  /* Videos: play, progress, complete at the video's own threshold. */
  [].forEach.call(document.querySelectorAll("video[data-completion-threshold]"), function (v) {
    var report = progress(parseInt(v.getAttribute("data-completion-threshold"), 10) || 90);
    var played = false;
    v.addEventListener("play", function () { if (!played) { played = true; track("play"); } });
    v.addEventListener("timeupdate", function () {
      if (v.duration) report(Math.floor((v.currentTime / v.duration) * 100));
    });
  });

  /* Comics: panels read in the strip, or the last panel reached panel by panel. */
  var comic = document.querySelector("[data-comic-panels]");
  if (comic) {
    var total = parseInt(comic.getAttribute("data-comic-panels"), 10);
    var current = parseInt(comic.getAttribute("data-comic-panel") || "0", 10);
    var report = progress(100);
    if (current) { if (current === total) report(100); }
    else if (window.IntersectionObserver && total) {
      var read = {}, count = 0;
      var watcher = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting && !read[entry.target.id]) {
            read[entry.target.id] = 1;
            report(Math.floor((++count / total) * 100));
          }
        });
      }, { threshold: 0.6 });
      [].forEach.call(comic.querySelectorAll("[data-comic-panel-id]"), function (p) {
        watcher.observe(p);
      });
    }
  }

  /* Scenario player events. */
  document.addEventListener("scamsense:scenario_start", function () { track("scenario_start"); });
  document.addEventListener("scamsense:choice", function (e) {
    var d = e.detail || {};
    track("choice", { step: String(d.step || "").slice(0, 64), choice: String(d.choice || "").slice(0, 64),
      safe: !!d.safe, red_flag: d.red_flag ? String(d.red_flag).slice(0, 64) : null });
  });
  document.addEventListener("scamsense:scenario_end", function (e) {
    var d = e.detail || {};
    var score = d.score == null ? null : Math.max(0, Math.min(100, Math.round(+d.score || 0)));
    if (/^(scammed|safe|partly)$/.test(d.outcome)) track("scenario_end", { outcome: d.outcome, score: score });
  });

  /* Learning checks: a before/after pair, only whether each was right. */
  document.addEventListener("scamsense:check", function (e) {
    var d = e.detail || {}, b = d.before, a = d.after;
    if (/^(question|red_flag|message)$/.test(d.of) && d.item != null && d.item !== "" &&
        b === !!b && a === !!a) track("check", { of: d.of, item: String(d.item).slice(0, 64), before: b, after: a });
  });

  /* Sharing: the page's share button tells us how it was shared. */
  document.addEventListener("scamsense:share", function (e) {
    track("share", { method: String((e.detail || {}).method || "link").slice(0, 64) });
  });

  if (queue.length) schedule(500); /* events left from an earlier page or a failed send */
})();
