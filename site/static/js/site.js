/* The "larger text" toggle. Without JS the button stays hidden and the page works as is. */
(function () {
  var button = document.querySelector("[data-text-size-toggle]");
  if (!button) return;
  var root = document.documentElement;
  function sync() {
    button.setAttribute("aria-pressed", root.classList.contains("text-large") ? "true" : "false");
  }
  button.hidden = false;
  sync();
  button.addEventListener("click", function () {
    var large = !root.classList.contains("text-large");
    root.classList.toggle("text-large", large);
    root.classList.toggle("text-normal", !large); // wins over the page's large default
    try {
      window.localStorage.setItem("scamsense:text-size", large ? "large" : "normal");
    } catch (e) { /* storage blocked: the choice lasts for this page only */ }
    sync();
  });
})();

/* "Share this lesson". Without JS the box offers the link to copy, an e-mail link and a QR
   code. With JS it adds one button: the phone's share sheet where there is one, else "Copy the
   link". Tells the reach beacon how it was shared (scamsense:share). */
(function () {
  var box = document.querySelector("[data-share-box]");
  if (!box) return;
  var native = box.querySelector("[data-share-native]");
  var button = box.querySelector("[data-share]");
  var status = box.querySelector("[data-share-status]");
  var field = box.querySelector("[data-share-field]");
  var url = button.getAttribute("data-share-url") || location.origin + location.pathname;
  function shared(method) {
    document.dispatchEvent(new CustomEvent("scamsense:share", { detail: { method: method } }));
  }
  [].forEach.call(box.querySelectorAll("[data-share-method]"), function (link) {
    link.addEventListener("click", function () { shared(link.getAttribute("data-share-method")); });
  });
  if (field) {
    field.addEventListener("focus", function () { field.select(); });
    field.addEventListener("copy", function () { shared("copy"); });
  }
  var canShare = !!navigator.share;
  if (!canShare && !(navigator.clipboard && window.isSecureContext)) return;
  if (!canShare) button.textContent = button.getAttribute("data-label-copy") || button.textContent;
  native.hidden = false;
  button.addEventListener("click", function () {
    if (canShare) {
      navigator.share({ title: button.getAttribute("data-share-title"), url: url })
        .then(function () { shared("native"); }, function () { /* cancelled */ });
    } else {
      navigator.clipboard.writeText(url).then(function () {
        status.textContent = button.getAttribute("data-copied") || "Link copied.";
        shared("copy");
      });
    }
  });
})();

/* The one-page summary: the lesson's "Print" link opens the print view; there a "Print"
   button opens the print dialog (without JS the reader prints from the browser's menu). */
(function () {
  var trigger = document.querySelector("[data-print-now]");
  if (!trigger || !window.print) return;
  trigger.hidden = false;
  trigger.addEventListener("click", function () { window.print(); });
})();

/* After following a link to a place on the page (a scenario step, a comic panel), move
   focus there too, so that keyboard and screen-reader users carry on from what is new. */
(function () {
  if (!location.hash || location.hash.length < 2) return;
  var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target || target.contains(document.activeElement) && document.activeElement !== document.body) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
})();
