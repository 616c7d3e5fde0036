/**
 * The part of `node:sqlite` the drivers use. The project pins @types/node 20, which has no
 * `node:sqlite` (Node 20 lacks it; Deno and Node ≥ 22.5 have it), and Deno type-checks `node:`
 * modules against that same @types/node, so both tsc and `deno check` read these declarations.
 * Delete this file (and its `/// <reference>`s) when @types/node declares `node:sqlite` itself.
 */
declare module "node:sqlite" {
  type SQLInputValue = null | number | bigint | string | Uint8Array;
  type SQLOutputValue = null | number | bigint | string | Uint8Array;

  /** A prepared statement. */
  export class StatementSync {
    run(...params: SQLInputValue[]): unknown;
    all(...params: SQLInputValue[]): Record<string, SQLOutputValue>[];
    get(...params: SQLInputValue[]): Record<string, SQLOutputValue> | undefined;
  }

  /** A synchronous SQLite connection. */
  export class DatabaseSync {
    constructor(path: string);
    exec(sql: string): void;
    prepare(sql: string): StatementSync;
    close(): void;
  }
}
