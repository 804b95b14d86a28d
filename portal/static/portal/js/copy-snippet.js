/* Copy buttons of the staff embed page: copy the snippet of the named textarea and say so in
 * the status region (keyboard: the buttons are ordinary buttons). */
(function () {
  "use strict";
  const status = document.getElementById("copy-status");

  function announce(text) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  document.querySelectorAll("button.copy-snippet").forEach(function (button) {
    button.addEventListener("click", function () {
      const field = document.getElementById(button.dataset.copyTarget);
      if (!field) return;
      field.select();
      const done = function () { announce(button.dataset.copied); };
      const failed = function () {
        let copied = false;
        try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
        announce(copied ? button.dataset.copied : button.dataset.copyFailed);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, failed);
      } else {
        failed();
      }
    });
  });
})();
