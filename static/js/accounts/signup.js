// Sign-up: show only the identifier fields of the chosen country of registration.
// Without JavaScript every field stays visible, with its own hint.
(function () {
  "use strict";
  var select = document.getElementById("id_country");
  if (!select) {
    return;
  }
  var groups = document.querySelectorAll(".country-fields");
  function update() {
    groups.forEach(function (group) {
      var countries = (group.getAttribute("data-countries") || "").split(" ");
      group.hidden = countries.indexOf(select.value) === -1;
    });
  }
  select.addEventListener("change", update);
  update();
})();
