/* Behaviour shared by every page, kept out of the HTML so that the Content-Security-Policy can forbid inline scripts. */
(function () {
  "use strict";
  document.querySelectorAll("[data-submit-on-change]").forEach((element) => {
    element.addEventListener("change", () => element.form.submit());
  });
})();
