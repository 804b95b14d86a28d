/* The statement form without surprises: anonymous submission disables the name and address
 * fields (the server enforces the rules either way); an error summary gets the focus. */
(function () {
  "use strict";
  var personal = ["id_name", "id_organisation", "id_street", "id_postcode", "id_city"];

  function update() {
    var anonymous = document.querySelector("input[name=anonymous][value=yes]");
    var on = anonymous && anonymous.checked;
    personal.forEach(function (id) {
      var field = document.getElementById(id);
      if (field) field.disabled = !!on;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[name=anonymous]").forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
})();
