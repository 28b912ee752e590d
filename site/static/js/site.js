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
    try {
      window.localStorage.setItem("scamsense:text-size", large ? "large" : "normal");
    } catch (e) { /* storage blocked: the choice lasts for this page only */ }
    sync();
  });
})();

/* "Share this lesson": the phone's share sheet where there is one, else copy the link.
   Tells the reach beacon how it was shared (scamsense:share); without JS it stays hidden. */
(function () {
  var box = document.querySelector("[data-share-box]");
  if (!box) return;
  var button = box.querySelector("[data-share]");
  var status = box.querySelector("[data-share-status]");
  var url = location.origin + location.pathname;
  function shared(method) {
    document.dispatchEvent(new CustomEvent("scamsense:share", { detail: { method: method } }));
  }
  if (!navigator.share && !(navigator.clipboard && window.isSecureContext)) return;
  box.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.share) {
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
