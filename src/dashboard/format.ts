/** Number and date formatting shared by the tables. */

/** `value` with `digits` decimals and thousands separators; "—" for null. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** An ISO timestamp as `YYYY-MM-DD HH:MM` UTC. */
export function formatTime(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace("T", " ") : "—";
}

/** ISO timestamp → seconds since the epoch (uPlot's x unit). */
export function toSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}
