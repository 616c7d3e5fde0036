/**
 * Unvalidated bar rows as they come from a file or an upload: columnar, in source order,
 * possibly unsorted, duplicated or inconsistent. `buildSeries` turns them into a `BarSeries`.
 */

/** Columnar raw rows; only the first `length` entries of each column are meaningful. */
export interface RawBarRows {
  length: number;
  timestamps: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Source line (1-based) of each row, when the rows came from a text file. */
  lines?: Int32Array;
}

/** Appends rows into growing typed arrays (doubling), without per-row objects. */
export class RawBarRowsBuilder {
  private rows: RawBarRows;

  /** Starts empty with room for `capacity` rows. */
  constructor(capacity = 1024) {
    this.rows = allocate(Math.max(1, capacity));
  }

  /** Appends one row; `line` is its 1-based source line. */
  push(timestamp: number, open: number, high: number, low: number, close: number, volume: number, line: number): void {
    const r = this.rows;
    if (r.length === r.timestamps.length) this.grow();
    const g = this.rows;
    const i = g.length++;
    g.timestamps[i] = timestamp;
    g.open[i] = open;
    g.high[i] = high;
    g.low[i] = low;
    g.close[i] = close;
    g.volume[i] = volume;
    (g.lines as Int32Array)[i] = line;
  }

  /** The rows appended so far, as views trimmed to `length` (do not push afterwards). */
  finish(): RawBarRows {
    const r = this.rows;
    const n = r.length;
    return {
      length: n,
      timestamps: r.timestamps.subarray(0, n),
      open: r.open.subarray(0, n),
      high: r.high.subarray(0, n),
      low: r.low.subarray(0, n),
      close: r.close.subarray(0, n),
      volume: r.volume.subarray(0, n),
      lines: (r.lines as Int32Array).subarray(0, n),
    };
  }

  private grow(): void {
    const old = this.rows;
    const next = allocate(old.timestamps.length * 2);
    next.timestamps.set(old.timestamps);
    next.open.set(old.open);
    next.high.set(old.high);
    next.low.set(old.low);
    next.close.set(old.close);
    next.volume.set(old.volume);
    (next.lines as Int32Array).set(old.lines as Int32Array);
    next.length = old.length;
    this.rows = next;
  }
}

function allocate(capacity: number): RawBarRows {
  return {
    length: 0,
    timestamps: new Float64Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
    lines: new Int32Array(capacity),
  };
}

/** Raw rows from plain arrays (for uploads and tests); all arrays must have equal length. */
export function rawRowsFromArrays(columns: {
  timestamps: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}): RawBarRows {
  const n = columns.timestamps.length;
  for (const name of ["open", "high", "low", "close", "volume"] as const) {
    if (columns[name].length !== n) throw new RangeError(`column ${name} has ${columns[name].length} rows, expected ${n}`);
  }
  return {
    length: n,
    timestamps: Float64Array.from(columns.timestamps),
    open: Float64Array.from(columns.open),
    high: Float64Array.from(columns.high),
    low: Float64Array.from(columns.low),
    close: Float64Array.from(columns.close),
    volume: Float64Array.from(columns.volume),
  };
}
