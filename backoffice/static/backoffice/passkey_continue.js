// Once a passkey is registered, go on to the page the staff member was heading for
// (the button's data-next), or show the security page again with the new key listed.
document.addEventListener("otp_webauthn.register_complete", function (event) {
  var button = document.getElementById("passkey-register-button");
  var next = button && button.dataset.next;
  window.location.assign(next || window.location.href);
});
