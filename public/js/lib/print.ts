/**
 * The printed report (and so the PDF a consultant hands over, "Save as PDF" in the print
 * dialog): A4, and every page carries the header line — organisation, round, filter, date — and
 * "page n of m" in its margin. Chromium prints @page margin boxes, which CSS can fill only with
 * fixed strings and counters, so the page's rule is written here whenever the header changes.
 */

/** A CSS string literal: quotes, backslashes and line breaks escaped, so no name can end the rule. */
const cssString = (text: string) =>
  `"${text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/[\r\n\f]+/g, " ")}"`;

/** `pageOf` with its {page} and {pages} as CSS counters. */
function pageCounter(pageOf: string): string {
  return pageOf
    .split(/(\{pages?\})/)
    .filter(Boolean)
    .map((part) => (part === "{page}" ? "counter(page)" : part === "{pages}" ? "counter(pages)" : cssString(part)))
    .join(" ");
}

/** Sets the header line and the page numbering of every printed page. */
export function setPrintPages(header: string, pageOf: string): void {
  let style = document.getElementById("print-pages") as HTMLStyleElement | null;
  if (!style) {
    style = document.createElement("style");
    style.id = "print-pages";
    document.head.append(style);
  }
  style.textContent = `@page {
  @top-left { content: ${cssString(header)}; font: 8pt system-ui, sans-serif; color: #333; }
  @bottom-right { content: ${pageCounter(pageOf)}; font: 8pt system-ui, sans-serif; color: #333; }
}`;
}
