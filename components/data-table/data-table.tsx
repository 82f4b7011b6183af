import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

/**
 * One column: its header and how a row shows in it. Without `cell`, the row's `accessorKey`
 * value is shown as text.
 */
export type Column<T> = {
  id?: string;
  accessorKey?: keyof T & string;
  header: React.ReactNode | (() => React.ReactNode);
  cell?: (context: { row: { original: T } }) => React.ReactNode;
};

type Props<T> = {
  columns: Column<T>[];
  data: T[];
  /** Accessible name of the table. */
  label: string;
  empty?: React.ReactNode;
  getRowId?: (row: T) => string;
  rowTestId?: (row: T) => string;
};

const columnKey = <T,>(column: Column<T>, index: number) =>
  column.id ?? column.accessorKey ?? String(index);

function renderCell<T>(column: Column<T>, row: T): React.ReactNode {
  if (column.cell) return column.cell({ row: { original: row } });
  const value = column.accessorKey === undefined ? undefined : row[column.accessorKey];
  return value == null ? null : String(value);
}

/**
 * Rows under a header with the owned table primitives. It holds no state and no hooks, so a
 * server component renders it without sending any of it to the browser; sorting, filtering and
 * paging stay with the callers (the server, for every table today).
 */
export function DataTable<T>({ columns, data, label, empty, getRowId, rowTestId }: Props<T>) {
  return (
    <div className="rounded-lg border">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            {columns.map((column, i) => (
              <TableHead key={columnKey(column, i)} scope="col">
                {typeof column.header === "function" ? column.header() : column.header}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.length === 0 ? (
            <TableRow>
              <TableCell
                colSpan={columns.length}
                className="text-muted-foreground h-24 text-center"
              >
                {empty ?? "Nothing to show."}
              </TableCell>
            </TableRow>
          ) : (
            data.map((row, r) => (
              <TableRow key={getRowId?.(row) ?? r} data-testid={rowTestId?.(row)}>
                {columns.map((column, i) => (
                  <TableCell key={columnKey(column, i)}>{renderCell(column, row)}</TableCell>
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
