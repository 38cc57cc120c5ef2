/* Behaviour shared by every page, kept out of the HTML so that the Content-Security-Policy can forbid inline scripts. */
(function () {
  "use strict";
  document.querySelectorAll("[data-submit-on-change]").forEach((element) => {
    element.addEventListener("change", () => element.form.submit());
  });
  // Widths computed on the server (progress bars) arrive as data-width: the policy forbids style attributes.
  document.querySelectorAll("[data-width]").forEach((element) => {
    element.style.width = `${Number(element.dataset.width) || 0}%`;
  });
})();
