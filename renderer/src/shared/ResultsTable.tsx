import type { ReactNode } from 'react';

/** One column of a results table: its heading (read to screen readers only when `hidden`) and its cell. */
export type Column<R> = { header: string; hidden?: boolean; className?: string; cell: (row: R) => ReactNode };

/**
 * The one table every list on the counter uses (transactions, history, holds, staff): a heading row
 * and a row per result, each row with a stable key and a test id the journeys can find it by.
 */
export function ResultsTable<R>({
  columns,
  rows,
  rowKey,
  rowTestId,
  rowData,
  footer,
  className,
  testId,
}: {
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowTestId?: (row: R) => string;
  /** `data-*` attributes a journey reads off a row (e.g. `{ ok: 'true' }` -> `data-ok="true"`). */
  rowData?: (row: R) => Record<string, string>;
  /** A last row under the results, e.g. a total. */
  footer?: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <table className={className ? `tx-table ${className}` : 'tx-table'} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i}>{c.hidden ? <span className="sr-only">{c.header}</span> : c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={rowKey(row)}
            data-testid={rowTestId?.(row)}
            {...Object.fromEntries(Object.entries(rowData?.(row) ?? {}).map(([k, v]) => [`data-${k}`, v]))}
          >
            {columns.map((c, i) => (
              <td key={i} className={c.className}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {footer && <tfoot>{footer}</tfoot>}
    </table>
  );
}
