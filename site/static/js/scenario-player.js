/* ScamSense scenario player: plays a simulated-scam scenario inline, as a conversation.
 *
 * Progressive enhancement. Without this script every step, every choice's feedback and every
 * ending is its own page (/lessons/<slug>/step/<id>/, …/choice/<n>/), linked with plain
 * links that carry the path so far in ?p=. With it, the same links are followed in place:
 * the player fetches the linked page, appends its new messages to the conversation one at a
 * time (at once with prefers-reduced-motion), swaps in its choices / feedback / debrief
 * panel and moves focus to that panel's heading. The conversation is an aria-live="polite"
 * log, so screen readers hear new messages. Every control stays a link: keyboard and
 * switch users operate it as usual. If a fetch fails, the link is followed normally.
 * No cookie; the address bar is kept in step (replaceState) so that a reload resumes at the
 * same place. For the replay's learning check it keeps, for this tab only (sessionStorage),
 * which red flags the first play met and whether each was spotted.
 *
 * Events, for reach measurement (the player knows nothing about campaigns or the beacon):
 * CustomEvents dispatched on `document`; read them from event.detail.
 *
 *   scamsense:scenario_start  {page}
 *       The first step is shown (Start pressed, "Play again", or a page load on the first
 *       step with no path).
 *   scamsense:choice          {page, step, choice, safe, red_flag}
 *       The learner made a choice: step id (string), choice number at that step (1-based),
 *       safe (boolean), red_flag (the red flag's slug, or null).
 *   scamsense:scenario_end    {page, outcome, score}
 *       An ending is shown: outcome "safe" | "partly" | "scammed"; score 0-100, the share of
 *       red flags met that were spotted, or null when no red flag was met.
 *
 *   scamsense:check           {of: "red_flag", item, before, after}
 *       A replay in the same tab reached its ending: for each red flag met in the first play
 *       and in this one (once per flag per tab), whether it was spotted (the first choice
 *       testing it was the safe one) on the first play and on the replay.
 *
 *   `page` is the scenario's page id (a number) in every event but scamsense:check.
 *   Example: document.addEventListener("scamsense:choice", function (e) { … e.detail … });
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-sim-player]");
  if (!root || !window.fetch || !window.DOMParser || !window.Promise || !window.CustomEvent) {
    return; // the plain pages work as they are
  }
  var pageId = parseInt(root.getAttribute("data-page"), 10) || null;
  var thread = root.querySelector(".sim__messages");
  var log = root.querySelector(".sim__thread");
  var motionQuery = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var busy = false;

  function reducedMotion() {
    return !!(motionQuery && motionQuery.matches);
  }

  function emit(name, detail) {
    detail.page = pageId;
    document.dispatchEvent(new CustomEvent("scamsense:" + name, { detail: detail }));
    learnFromReplay(name, detail);
  }

  /* Learning on a replay. For this tab only (sessionStorage "scamsense:flags:<page id>"), the
     player remembers each red flag met in the first play and whether the first choice testing
     it was the safe one (spotted). When a replay reaches its ending, each red flag met in both
     plays is reported once per tab:
       scamsense:check {of: "red_flag", item: <slug>, before: <spotted on the first play>,
                        after: <spotted on the replay>}
     Nothing else is kept: no choice, no path. */
  var FLAGS_KEY = "scamsense:flags:" + pageId;
  var flagsInMemory = null;
  function loadFlags() {
    try {
      var kept = JSON.parse(window.sessionStorage.getItem(FLAGS_KEY));
      if (kept && typeof kept === "object") return kept;
    } catch (e) {
      if (flagsInMemory) return flagsInMemory;
    }
    return {};
  }
  function saveFlags(flags) {
    flagsInMemory = flags;
    try { window.sessionStorage.setItem(FLAGS_KEY, JSON.stringify(flags)); } catch (e) { /* memory */ }
  }
  function learnFromReplay(name, detail) {
    if (name !== "scenario_start" && name !== "choice" && name !== "scenario_end") return;
    var flags = loadFlags();
    flags.play = flags.play || {};
    flags.sent = flags.sent || {};
    if (name === "scenario_start") {
      flags.play = {};
    } else if (name === "choice") {
      if (detail.red_flag && !Object.prototype.hasOwnProperty.call(flags.play, detail.red_flag)) {
        flags.play[detail.red_flag] = !!detail.safe;
      }
    } else if (!flags.first) {
      flags.first = flags.play; // the first play's ending
      flags.play = {};
    } else {
      Object.keys(flags.play).forEach(function (slug) {
        if (Object.prototype.hasOwnProperty.call(flags.first, slug) && !flags.sent[slug]) {
          flags.sent[slug] = true;
          document.dispatchEvent(new CustomEvent("scamsense:check", {
            detail: { of: "red_flag", item: slug, before: !!flags.first[slug], after: !!flags.play[slug] }
          }));
        }
      });
      flags.play = {};
    }
    saveFlags(flags);
  }

  function wait(ms) {
    return new Promise(function (resolve) {
      window.setTimeout(resolve, reducedMotion() ? 0 : ms);
    });
  }

  function load(url) {
    return window.fetch(url, { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var player = doc.querySelector("[data-sim-player]");
        if (!player) throw new Error("not a scenario page");
        return { doc: doc, player: player };
      });
  }

  function scrollTo(node) {
    if (node.scrollIntoView) {
      node.scrollIntoView({ block: "nearest", behavior: reducedMotion() ? "auto" : "smooth" });
    }
  }

  /* A plain page marks what is new with id="sim-now" (its links end in #sim-now, so the
     browser opens it there); played inline, the player scrolls and focuses itself, and one
     id must name one element. */
  function dropAnchor(node) {
    if (node.id === "sim-now") {
      node.removeAttribute("id");
      node.removeAttribute("tabindex");
    }
  }

  function append(item) {
    var node = document.importNode(item, true);
    node.removeAttribute("data-sim-new");
    dropAnchor(node);
    node.classList.add("sim-appear");
    thread.appendChild(node);
    scrollTo(node);
    return node;
  }

  function typing() {
    var dots = document.createElement("li");
    dots.className = "sim-typing";
    dots.setAttribute("aria-hidden", "true");
    dots.innerHTML = "<span></span><span></span><span></span>";
    thread.appendChild(dots);
    scrollTo(dots);
    return dots;
  }

  /* New messages appear in turn: a short "typing" pause before each message from the other
     side, as in a real chat. With reduced motion they all appear at once. */
  function reveal(items) {
    var chain = Promise.resolve();
    items.forEach(function (item) {
      chain = chain.then(function () {
        if (reducedMotion() || !item.classList.contains("sim-msg--them")) {
          append(item);
          return wait(150);
        }
        var dots = typing();
        var pause = 500 + Math.min(1200, item.textContent.length * 10);
        return wait(pause).then(function () {
          dots.parentNode.removeChild(dots);
          append(item);
        });
      });
    });
    return chain;
  }

  function currentPanel() {
    return root.querySelector("[data-sim-panel]");
  }

  function setBusy(on) {
    log.setAttribute("aria-busy", on ? "true" : "false");
    var panel = currentPanel();
    if (panel) panel.classList.toggle("sim__panel--waiting", on);
  }

  /* Played inline on the lesson page, the debrief's "How to report a scam" box is already on
     the page, under the player: keep that one and drop the copy (one id, one element). The
     "Remember" box is not on the scenario's intro (it holds the answers), so the debrief's
     copy is kept. */
  function dropDuplicates(fresh, oldPanel) {
    [].slice.call(fresh.querySelectorAll("[id]")).forEach(function (el) {
      var existing = document.getElementById(el.id);
      if (!existing || oldPanel.contains(existing)) return;
      var block = el.closest("section, aside") || el;
      if (block.parentNode && fresh.contains(block)) block.parentNode.removeChild(block);
    });
  }

  /* "What gave it away": a feedback page shows the step's messages (already in the
     conversation) with the words that gave the scam away marked. Bring the conversation in
     line with the fetched page: messages are matched by data-sim-msg (step id and number;
     the last one of each, as a step can come round again), a marked one replaces ours, and
     one of ours that is marked goes back to the fetched, unmarked copy once the learner
     moves on. */
  function syncMarks(player) {
    var fresh = {};
    [].slice.call(player.querySelectorAll(".sim__messages > [data-sim-msg]")).forEach(function (item) {
      fresh[item.getAttribute("data-sim-msg")] = item;
    });
    var ours = {};
    [].slice.call(thread.querySelectorAll("[data-sim-msg]")).forEach(function (item) {
      ours[item.getAttribute("data-sim-msg")] = item;
    });
    Object.keys(ours).forEach(function (key) {
      var mine = ours[key];
      var theirs = fresh[key];
      if (!key || !theirs || (!mine.querySelector(".sim-mark") && !theirs.querySelector(".sim-mark"))) {
        return;
      }
      var copy = document.importNode(theirs, true);
      copy.removeAttribute("data-sim-new");
      mine.parentNode.replaceChild(copy, mine);
    });
  }

  /* The language switcher leads to the same step in the other language: take its links
     from the fetched page, which has them for the step now shown. */
  function syncLanguageLinks(doc) {
    var fresh = doc.querySelectorAll(".language-switcher a[hreflang]");
    [].slice.call(fresh).forEach(function (link) {
      var ours = document.querySelector(
        '.language-switcher a[hreflang="' + link.getAttribute("hreflang") + '"]'
      );
      if (ours) ours.setAttribute("href", link.getAttribute("href"));
    });
  }

  function focusHeading(panel) {
    var heading = panel.querySelector(".sim__question") || panel.querySelector("h2");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
    scrollTo(heading);
  }

  function after(kind, player) {
    if ((kind === "start" || kind === "replay") && player.hasAttribute("data-sim-start-step")) {
      emit("scenario_start", {});
    }
    var feedback = player.querySelector("[data-sim-feedback]");
    if (kind === "choice" && feedback) {
      emit("choice", {
        step: feedback.getAttribute("data-step"),
        choice: parseInt(feedback.getAttribute("data-choice"), 10),
        safe: feedback.getAttribute("data-safe") === "true",
        red_flag: feedback.getAttribute("data-red-flag") || null
      });
    }
    var ending = player.querySelector("[data-sim-ending]");
    if (ending) {
      var score = ending.getAttribute("data-score");
      emit("scenario_end", {
        outcome: ending.getAttribute("data-outcome"),
        score: score === "" || score === null ? null : parseInt(score, 10)
      });
    }
  }

  function go(url, kind) {
    if (busy) return;
    busy = true;
    setBusy(true);
    load(url)
      .then(function (fetched) {
        if (kind === "replay" || kind === "start") thread.innerHTML = ""; // a fresh conversation
        var items = [].slice.call(
          fetched.player.querySelectorAll(".sim__messages > [data-sim-new]")
        );
        var panel = currentPanel();
        var anchored = document.getElementById("sim-now");
        if (anchored) dropAnchor(anchored);
        panel.innerHTML = ""; // the old choices go while the new messages arrive
        return reveal(items).then(function () {
          syncMarks(fetched.player);
          var fresh = document.importNode(fetched.player.querySelector("[data-sim-panel]"), true);
          dropAnchor(fresh);
          dropDuplicates(fresh, panel);
          panel.parentNode.replaceChild(fresh, panel);
          root.setAttribute("data-step", fetched.player.getAttribute("data-step") || "");
          root.setAttribute("data-path", fetched.player.getAttribute("data-path") || "");
          if (fetched.doc.title) document.title = fetched.doc.title;
          if (window.history && window.history.replaceState) {
            window.history.replaceState(null, "", url);
          }
          syncLanguageLinks(fetched.doc);
          busy = false;
          setBusy(false);
          after(kind, fetched.player);
          focusHeading(fresh);
        });
      })
      .catch(function () {
        window.location.assign(url); // fall back to the plain page
      });
  }

  root.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-sim-nav]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return; // let new-tab clicks and the like through
    }
    event.preventDefault();
    go(link.href, link.getAttribute("data-sim-nav"));
  });

  function isReload() {
    try {
      var entry = window.performance.getEntriesByType("navigation")[0];
      return !!entry && entry.type === "reload";
    } catch (e) {
      return false;
    }
  }

  root.classList.add("sim--enhanced");
  if (!isReload()) {
    // A page load on the first step starts the scenario; an ending loaded as a page (opened
    // in a new tab, say) with a real path still ends it. A reload repeats neither, and a bare
    // ending URL without a path is someone browsing, not playing.
    if (root.hasAttribute("data-sim-start-step")) emit("scenario_start", {});
    if (root.querySelector("[data-sim-ending]") && root.getAttribute("data-path")) {
      after("load", root);
    }
  }
})();
