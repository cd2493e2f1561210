// Quick exit: the button, or Escape pressed three times within two seconds, leaves for a
// neutral site with location.replace, so Back does not bring this page up again. Without
// JavaScript the button is still an ordinary link to the same site.
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit] a");
  if (!link) return;
  function leave(event) {
    if (event) event.preventDefault();
    // Blank the page at once: what was on screen should not stay visible while the
    // neutral site loads.
    document.documentElement.style.visibility = "hidden";
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 2000; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
})();
