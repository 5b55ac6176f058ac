/**
 * A plain table, the alternative beside every chart: a header row of column names, then one row
 * per entry; every column after the first is numeric and aligned as such. Cells are text only.
 */
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
