// "Copy table": put a comparison table on the clipboard twice, as an HTML table
// (text/html) for wikis and documents and as tab-separated text (text/plain) for
// spreadsheets, so a paste gives a real table. Built from the table on the page:
// each criterion, and each tool's cell with its availability mark.
const clean = (text) => text.replace(/\s+/g, " ").trim();
const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function tableData(table) {
  const tools = [...table.querySelectorAll("thead th[data-tool]")].filter((th) => !th.hidden);
  const header = [clean(table.querySelector("thead th").textContent), ...tools.map((th) => clean(th.textContent))];
  const rows = [...table.querySelectorAll("tbody tr")].map((tr) => {
    const head = tr.querySelector("th");
    const link = head.querySelector("a[href]");
    const title = clean((head.querySelector(".cmp-title") || link || head).textContent);
    const url = tr.id ? new URL(`#${tr.id}`, location.href).href : link ? link.href : "";
    const cells = tools.map((th) => {
      const td = tr.querySelector(`td[data-tool="${th.dataset.tool}"]`);
      const cell = clean(td.querySelector(".cmp-cell").textContent);
      const mark = clean(td.querySelector(".avail").textContent);
      return `${cell} (${mark})`;
    });
    return { title, url, cells };
  });
  return { header, rows };
}

function asHtml({ header, rows }, caption) {
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => `<tr><th><a href="${escapeHtml(r.url)}">${escapeHtml(r.title)}</a></th>` +
    r.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("") + "</tr>").join("");
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const asTsv = ({ header, rows }) =>
  [header, ...rows.map((r) => [r.title, ...r.cells])].map((cols) => cols.join("\t")).join("\n") + "\n";

async function copy(button) {
  const table = document.getElementById(button.dataset.copyTable);
  const status = button.nextElementSibling;
  const data = tableData(table);
  const html = asHtml(data, clean(table.querySelector("caption").textContent));
  const text = asTsv(data);
  try {
    await navigator.clipboard.write([new ClipboardItem({
      "text/html": new Blob([html], { type: "text/html" }),
      "text/plain": new Blob([text], { type: "text/plain" }),
    })]);
    status.textContent = "Table copied: paste it into a document, a wiki or a spreadsheet.";
  } catch {
    // No Clipboard API (or no permission): offer the tab-separated text, selected.
    const field = document.createElement("textarea");
    Object.assign(field, { readOnly: true, value: text, rows: 4 });
    field.setAttribute("aria-label", "The table as tab-separated text");
    status.replaceChildren("Copy the selected text (Ctrl+C or ⌘C): ", field);
    field.select();
  }
}

document$.subscribe(() => {
  document.querySelectorAll("button[data-copy-table]").forEach((button) => {
    if (button.dataset.ready) return;
    button.dataset.ready = "1";
    button.addEventListener("click", () => copy(button));
  });
});
