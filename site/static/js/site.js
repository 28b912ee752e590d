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
