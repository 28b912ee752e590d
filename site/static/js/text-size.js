/* Applies the reader's text size before the page paints (no cookie: localStorage only). */
(function () {
  try {
    var size = window.localStorage.getItem("scamsense:text-size");
    var root = document.documentElement;
    if (size === "large" || (size === null && root.classList.contains("text-large-default"))) {
      root.classList.add("text-large");
    }
  } catch (e) { /* storage blocked: default size */ }
})();
