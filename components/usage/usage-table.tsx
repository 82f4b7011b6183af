import { formatDay } from "@/lib/format-time";
import {
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { usageOutcomeLabels } from "@/lib/usage/outcomes";
import type { UsageSeries } from "@/lib/usage/series";

/**
 * The chart's numbers as a table: every day of the period, newest first. A plain <table> rather
 * than ui/table, whose scrolling wrapper would be an unfocusable scroll region while hidden.
 */
export function UsageTable({ usage, id }: { usage: UsageSeries; id: string }) {
  const days = [...usage.days].reverse();
  const sum = (key: "succeeded" | "refused" | "total" | (typeof usage.reasons)[number]) =>
    usage.days.reduce((n, d) => n + d[key], 0);
  return (
    <table id={id} data-testid="usage-table" className="w-full caption-bottom text-sm">
      <TableCaption>Requests per day, last 30 days (days in UTC)</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Day</TableHead>
          <TableHead scope="col" className="text-right">
            Succeeded
          </TableHead>
          <TableHead scope="col" className="text-right">
            Refused
          </TableHead>
          {usage.reasons.map((reason) => (
            <TableHead key={reason} scope="col" className="text-right">
              {usageOutcomeLabels[reason]}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {days.map((d) => (
          <TableRow key={d.day} data-testid={`usage-day-${d.day}`}>
            <TableHead scope="row" className="font-normal">
              <time dateTime={d.day}>{formatDay(d.day)}</time>
            </TableHead>
            <TableCell className="text-right tabular-nums">{d.succeeded}</TableCell>
            <TableCell className="text-right tabular-nums">{d.refused}</TableCell>
            {usage.reasons.map((reason) => (
              <TableCell key={reason} className="text-right tabular-nums">
                {d[reason]}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow>
          <TableHead scope="row">Total</TableHead>
          <TableCell className="text-right tabular-nums">{sum("succeeded")}</TableCell>
          <TableCell className="text-right tabular-nums">{sum("refused")}</TableCell>
          {usage.reasons.map((reason) => (
            <TableCell key={reason} className="text-right tabular-nums">
              {sum(reason)}
            </TableCell>
          ))}
        </TableRow>
      </TableFooter>
    </table>
  );
}
