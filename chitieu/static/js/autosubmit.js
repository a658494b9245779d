// A <select data-autosubmit> sends its form as soon as a value is chosen (no inline onchange=,
// which the Content Security Policy forbids).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
    el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
  }
});
