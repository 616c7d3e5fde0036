/**
 * `SqlDriver` over a Durable Object's SQLite storage (`ctx.storage.sql`). workerd caches prepared
 * statements per query text itself, so the driver keeps no cache of its own.
 */
import type { SqlDriver, SqlValue } from "../../runs/sql/sql-driver.ts";

type StoredValue = ArrayBuffer | string | number | null;

/** Durable Object storage binds blobs as `ArrayBuffer`: pass a view's bytes, copying only a partial view. */
function toBinding(value: SqlValue): StoredValue {
  if (!(value instanceof Uint8Array)) return value;
  const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer;
  return whole ? (value.buffer as ArrayBuffer) : value.slice().buffer;
}

/** Blobs come back as `ArrayBuffer`; the stores expect `Uint8Array`. */
function fromStored<Row>(row: Record<string, StoredValue>): Row {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (value instanceof ArrayBuffer) (row as Record<string, unknown>)[key] = new Uint8Array(value);
  }
  return row as Row;
}

/** A driver over `storage`; `transaction` uses `transactionSync` (BEGIN/COMMIT are not allowed there). */
export function durableObjectSqlDriver(storage: DurableObjectStorage): SqlDriver {
  const sql = storage.sql;
  const query = (text: string, params: readonly SqlValue[]) => sql.exec<Record<string, StoredValue>>(text, ...params.map(toBinding));
  let depth = 0;

  return {
    exec: (text) => void sql.exec(text).toArray(),
    run: (text, params = []) => void query(text, params).toArray(),
    all: <Row>(text: string, params: readonly SqlValue[] = []) => query(text, params).toArray().map((row) => fromStored<Row>(row)),
    get: <Row>(text: string, params: readonly SqlValue[] = []) => {
      const first = query(text, params).next();
      return first.done ? undefined : fromStored<Row>(first.value);
    },
    transaction<T>(fn: () => T): T {
      if (depth > 0) return fn();
      depth++;
      try {
        return storage.transactionSync(fn);
      } finally {
        depth--;
      }
    },
  };
}
