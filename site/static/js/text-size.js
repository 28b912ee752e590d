/* Applies the reader's text size before the page paints (no cookie: localStorage only).
   The reader's own choice ("large" or "normal") wins over the page's default
   (html.text-large-default, which the CSS applies by itself, without JS). */
(function () {
  try {
    var size = window.localStorage.getItem("scamsense:text-size");
    var root = document.documentElement;
    if (size === "large" || (size === null && root.classList.contains("text-large-default"))) {
      root.classList.add("text-large");
    } else if (size === "normal") {
      root.classList.add("text-normal");
    }
  } catch (e) { /* storage blocked: the page's default size */ }
})();
