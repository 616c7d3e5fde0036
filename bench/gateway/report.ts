/** Renders the gateway benchmark's summary as an aligned text table and as Markdown for the README. */
import type { TargetSummary } from "./summary.ts";

const HEADINGS = ["target", "median req/s", "p50 ms", "p99 ms", "server CPU µs/req", "× bare"];

function cells(row: TargetSummary): string[] {
  return [
    row.label,
    Number.isFinite(row.medianRps) ? Math.round(row.medianRps).toString() : "n/a",
    Number.isFinite(row.p50Ms) ? row.p50Ms.toString() : "n/a",
    Number.isFinite(row.p99Ms) ? row.p99Ms.toString() : "n/a",
    Number.isFinite(row.cpuMicrosPerRequest) ? row.cpuMicrosPerRequest.toFixed(0) : "n/a",
    Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}×` : "n/a",
  ];
}

/** A plain-text table with columns padded to their widest cell (numbers right-aligned). */
export function textTable(rows: readonly TargetSummary[]): string {
  const body = rows.map(cells);
  const widths = HEADINGS.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return [line(HEADINGS), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/** The same table as GitHub Markdown. */
export function markdownTable(rows: readonly TargetSummary[]): string {
  const align = HEADINGS.map((_, i) => (i === 0 ? "---" : "---:"));
  const line = (r: string[]) => `| ${r.join(" | ")} |`;
  return [line(HEADINGS), line(align), ...rows.map((row) => line(cells(row)))].join("\n");
}

/** One line stating whether `row` meets the required ratio. */
export function verdict(row: TargetSummary, target: number): string {
  const met = Number.isFinite(row.ratio) && row.ratio >= target;
  return `${row.label}: ${Number.isFinite(row.ratio) ? row.ratio.toFixed(2) : "n/a"}× bare (target ≥ ${target}×): ${met ? "MET" : "NOT MET"}`;
}
