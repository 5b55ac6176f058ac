/**
 * Reading CSV as spreadsheets and HR systems export it: lines of fields separated by commas,
 * semicolons (Dutch Excel) or tabs, double quotes with "" inside. Line-based: a quoted field does
 * not span lines (neither an address list nor a unit list has one).
 */

/** A file's text as lines: a byte-order mark dropped, any line ending accepted. */
export const csvLines = (text: string): string[] => text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);

/** The separator of a CSV whose first line is `header`: the first of comma, semicolon and tab it holds, preferring the most frequent. */
export function csvSeparator(header: string): string | undefined {
  const counts = [",", ";", "\t"].map((s) => ({ s, n: header.split(s).length - 1 })).filter((c) => c.n > 0);
  return counts.sort((a, b) => b.n - a.n)[0]?.s;
}

/** One CSV line into fields. */
export function csvFields(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
