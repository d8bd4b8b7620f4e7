// Copy a link to the clipboard and say so in a status element; where the Clipboard
// API is missing or refused, show the link selected in a field to copy by hand.
export async function copyText(text, status, label) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = "Link copied.";
  } catch {
    const field = document.createElement("input");
    Object.assign(field, { type: "text", readOnly: true, value: text });
    field.setAttribute("aria-label", label);
    status.replaceChildren("Copy this link: ", field);
    field.select();
  }
}
