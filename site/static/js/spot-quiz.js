/* ScamSense "Spot the scam": plays a spot-the-scam lesson in place.
 *
 * Progressive enhancement. Without this script each answer is a small GET form
 * ("It's safe" / "It's a scam") to /lessons/<slug>/message/<n>/?answer=…, whose page shows
 * the feedback with the tell marked and a "Next message" link; the results so far travel in
 * ?r=… up to /result/. With it, the same forms and links are followed in place: the script
 * fetches the page they lead to and swaps its quiz ([data-spot-quiz]) into this one, so the
 * feedback, the score at the end and "Play again" are exactly the server's. The answer panel
 * is an aria-live="polite" region and focus moves to the new heading (the buttons pressed
 * are gone). If a fetch fails, the form is submitted or the link followed normally.
 *
 * Learning figures. Per tab (sessionStorage, "scamsense:spot:<page id>"), the script keeps
 * whether each message was marked right the first time. When a message is marked again
 * later in the same tab (on a replay), it dispatches, once per message per tab:
 *
 *   scamsense:check  {of: "message", item: "<n>", before: <bool>, after: <bool>}
 *
 * on `document` (n is the message's 1-based number as a string; before/after say only
 * whether the first and the later answer were right). reach.js turns it into a `check`
 * beacon event; this script knows nothing about the beacon.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-spot-quiz]");
  if (!root || !window.fetch || !window.DOMParser || !window.Promise || !window.CustomEvent) {
    return; // the plain pages work as they are
  }
  var pageId = root.getAttribute("data-page") || "";
  var KEY = "scamsense:spot:" + pageId;
  var busy = false;
  var lastButton = null;

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function remembered() {
    var store = storage(), data = null;
    try { data = JSON.parse(store.getItem(KEY)); } catch (e) { data = null; }
    if (!data || typeof data !== "object") data = {};
    if (!data.first || typeof data.first !== "object") data.first = {};
    if (!data.sent || typeof data.sent !== "object") data.sent = {};
    return data;
  }

  function remember(data) {
    var store = storage();
    try { store.setItem(KEY, JSON.stringify(data)); } catch (e) { /* this page only */ }
  }

  /* A message was marked: the first answer is kept; a later one completes the pair. */
  function marked(number, right) {
    if (!/^[0-9]{1,2}$/.test(number)) return;
    var data = remembered();
    if (!Object.prototype.hasOwnProperty.call(data.first, number)) {
      data.first[number] = right;
      remember(data);
      return;
    }
    if (data.sent[number]) return;
    data.sent[number] = true;
    remember(data);
    document.dispatchEvent(new CustomEvent("scamsense:check", {
      detail: { of: "message", item: number, before: !!data.first[number], after: right }
    }));
  }

  function load(url) {
    return window.fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var quiz = doc.querySelector("[data-spot-quiz]");
        if (!quiz) throw new Error("not a spot-the-scam page");
        return quiz;
      });
  }

  function replaceChildren(target, source) {
    while (target.firstChild) target.removeChild(target.firstChild);
    [].slice.call(source.childNodes).forEach(function (node) {
      target.appendChild(document.importNode(node, true));
    });
  }

  /* The message and the answer panel are swapped separately: the panel element stays, so
     screen readers hear its new content (an aria-live region must already be there). */
  function show(fresh, url) {
    var screen = root.querySelector("[data-spot-screen]");
    var freshScreen = fresh.querySelector("[data-spot-screen]");
    var panel = root.querySelector("[data-spot-panel]");
    var freshPanel = fresh.querySelector("[data-spot-panel]");
    if (!panel || !freshPanel) throw new Error("no answer panel");
    if (freshScreen && screen) {
      screen.parentNode.replaceChild(document.importNode(freshScreen, true), screen);
    } else if (freshScreen) {
      root.insertBefore(document.importNode(freshScreen, true), panel);
    } else if (screen) {
      screen.parentNode.removeChild(screen);
    }
    replaceChildren(panel, freshPanel);

    var feedback = panel.querySelector("[data-spot-feedback]");
    if (feedback) {
      marked(feedback.getAttribute("data-message"), feedback.getAttribute("data-right") === "true");
    }
    var heading = panel.querySelector("[data-spot-feedback] [tabindex='-1'], [data-spot-result] [tabindex='-1']") ||
      root.querySelector("#spot-now");
    if (heading) {
      if (heading.scrollIntoView) heading.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    }
    if (window.history && history.replaceState) {
      history.replaceState(history.state, "", url.split("#")[0]);
    }
  }

  function go(url, fallback) {
    if (busy) return;
    busy = true;
    root.setAttribute("aria-busy", "true");
    load(url)
      .then(function (fresh) { show(fresh, url); })
      .catch(fallback)
      .then(function () {
        busy = false;
        root.removeAttribute("aria-busy");
      });
  }

  function formUrl(form, button) {
    var action = form.getAttribute("action") || location.href;
    var base = action.split("#")[0].split("?")[0];
    var params = new URLSearchParams();
    [].forEach.call(form.querySelectorAll("input[type=hidden]"), function (input) {
      params.append(input.name, input.value);
    });
    if (button && button.name) params.append(button.name, button.value);
    return base + "?" + params.toString();
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[name=answer]") : null;
    if (button) lastButton = button;
    var link = event.target.closest ? event.target.closest("a[data-spot-nav]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey ||
        event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(link.href, function () { window.location.href = link.href; });
  });

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-spot-form")) return;
    var button = event.submitter || lastButton;
    if (!button || button.name !== "answer") return; // e.g. Enter in no field: plain submit
    event.preventDefault();
    var url = formUrl(form, button);
    go(url, function () { window.location.href = url; });
  });
})();
