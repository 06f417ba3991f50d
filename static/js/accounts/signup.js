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

// Delivery to the billing address: the delivery address forms are not needed, hide them.
// Without JavaScript they stay visible and the server ignores them while the box is ticked.
(function () {
  "use strict";
  var box = document.getElementById("id_delivery_same_as_billing");
  var addresses = document.getElementById("delivery-addresses");
  if (!box || !addresses) {
    return;
  }
  function update() {
    addresses.hidden = box.checked;
  }
  box.addEventListener("change", update);
  update();
})();
