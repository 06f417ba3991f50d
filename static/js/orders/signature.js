// "Bon pour accord": draw a signature with a mouse, a finger or a stylus (pointer events),
// or type it. The drawing is written as a PNG data URL into the hidden input
// #id_signature_data after each stroke; the server checks it (PNG, not blank, size cap).
// After a refusal, the error summary at the top of the form is scrolled to and focused.
// No inline script or style: the Content-Security-Policy is strict.
(function () {
  "use strict";

  // A refused signing: bring the summary of every error into view (the form sits below
  // the whole quote, far down on a phone) and give it the focus for screen readers.
  var summary = document.getElementById("sign-errors");
  if (summary) {
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }

  var form = document.getElementById("sign-form");
  var canvas = document.getElementById("signature-pad");
  var output = document.getElementById("id_signature_data");
  if (!form || !canvas || !output || !canvas.getContext) {
    return;
  }
  var context = canvas.getContext("2d");
  var drawnBlock = document.getElementById("signature-drawn");
  var typedBlock = document.getElementById("signature-typed");
  var clearButton = document.getElementById("signature-clear");
  var modes = form.querySelectorAll('input[name="signature_mode"]');
  var drawing = false;
  var hasInk = false;
  var last = null;

  function setUpPen() {
    context.lineWidth = 2.5;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#14205a";
  }

  function point(event) {
    var rect = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) * canvas.width) / rect.width,
      y: ((event.clientY - rect.top) * canvas.height) / rect.height,
    };
  }

  function save() {
    output.value = hasInk ? canvas.toDataURL("image/png") : "";
  }

  function start(event) {
    if (event.button !== undefined && event.button > 0) {
      return;
    }
    event.preventDefault();
    drawing = true;
    hasInk = true;
    last = point(event);
    context.beginPath();
    context.arc(last.x, last.y, context.lineWidth / 2, 0, Math.PI * 2);
    context.fillStyle = context.strokeStyle;
    context.fill();
    if (canvas.setPointerCapture && event.pointerId !== undefined) {
      try {
        // Keep receiving the stroke when the finger or pen slides out of the frame.
        canvas.setPointerCapture(event.pointerId);
      } catch (error) {
        // No active pointer with this id (synthetic event): drawing still works.
      }
    }
  }

  function move(event) {
    if (!drawing) {
      return;
    }
    event.preventDefault();
    var events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
    if (!events.length) {
      events = [event];
    }
    context.beginPath();
    context.moveTo(last.x, last.y);
    events.forEach(function (item) {
      var next = point(item);
      context.lineTo(next.x, next.y);
      last = next;
    });
    context.stroke();
  }

  function end(event) {
    if (!drawing) {
      return;
    }
    drawing = false;
    if (canvas.releasePointerCapture && event.pointerId !== undefined) {
      try {
        canvas.releasePointerCapture(event.pointerId);
      } catch (error) {
        // The capture may already be gone (pointer cancelled).
      }
    }
    save();
  }

  function clear() {
    context.clearRect(0, 0, canvas.width, canvas.height);
    hasInk = false;
    save();
  }

  function currentMode() {
    for (var i = 0; i < modes.length; i += 1) {
      if (modes[i].checked) {
        return modes[i].value;
      }
    }
    return "drawn";
  }

  function showMode() {
    var typed = currentMode() === "typed";
    if (drawnBlock) {
      drawnBlock.hidden = typed;
    }
    if (typedBlock) {
      typedBlock.hidden = !typed;
    }
  }

  setUpPen();
  canvas.addEventListener("pointerdown", start);
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  canvas.addEventListener("pointerleave", end);
  if (clearButton) {
    clearButton.addEventListener("click", clear);
  }
  modes.forEach(function (input) {
    input.addEventListener("change", showMode);
  });
  // A page shown again after a refusal: the drawing is not kept, ask for it again.
  output.value = "";
  showMode();
})();
