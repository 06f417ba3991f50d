// On a phone the filters start folded (unless one is in use), so the products come first;
// without this script they simply stay open.
(function () {
  "use strict";
  var panel = document.getElementById("filters");
  if (!panel || panel.dataset.active === "1") {
    return;
  }
  if (window.matchMedia("(max-width: 55.99rem)").matches) {
    panel.open = false;
  }
})();
