/**
 * A plain table, the alternative beside every chart: a header row of column names, then one row
 * per entry; every column after the first is numeric and aligned as such. Cells are text only.
 */
import { render } from "hono/jsx/dom";

export interface DataTableProps {
  head: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

const numeric = (i: number) => (i > 0 ? "num" : undefined);

export function DataTable({ head, rows }: DataTableProps) {
  return (
    <table>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th scope="col" class={numeric(i)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            {row.map((cell, i) => (
              <td class={numeric(i)}>{String(cell)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The same table as an element, for code that builds its DOM by hand. */
export function table(head: string[], rows: (string | number)[][]): HTMLTableElement {
  const holder = document.createElement("div");
  render(<DataTable head={head} rows={rows} />, holder);
  return holder.firstElementChild as HTMLTableElement;
}
