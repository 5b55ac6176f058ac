/**
 * Download names people can file: organisation, round and date instead of an id, reduced to
 * letters, digits and dashes (accents dropped) so every system and mail client keeps them.
 */
const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 60);

export function exportFileName(parts: readonly string[], extension: string): string {
  const name = parts.map(slug).filter(Boolean).join("_");
  return `${name || "export"}.${extension}`;
}
