/* The preview of a version shows the formatting toolbar a focal point has above each long-text field,
 * disabled: the preview saves nothing. */
(function () {
  "use strict";
  document.querySelectorAll(".preview-question textarea.rich-text").forEach((textarea) => {
    const toolbar = document.createElement("div");
    toolbar.className = "rich-toolbar btn-group btn-group-sm mb-1";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", gettext("Formatting (disabled in the preview)"));
    [["B", gettext("Bold")], ["I", gettext("Italic")], ["• " + gettext("List"), gettext("Bulleted list")],
     ["1. " + gettext("List"), gettext("Numbered list")], [gettext("Link"), gettext("Link")]].forEach(([text, title]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.textContent = text;
      button.title = title;
      button.disabled = true;
      toolbar.append(button);
    });
    textarea.before(toolbar);
  });
})();
