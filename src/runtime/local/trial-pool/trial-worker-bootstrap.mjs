// Node entry of a trial worker thread. Node 20 cannot load TypeScript by itself, and a worker
// thread does not inherit a test runner's module loader, so the worker module is imported through
// tsx's namespaced `tsImport`, which works whether or not the process already runs under tsx.
import { tsImport } from "tsx/esm/api";

await tsImport("./trial-worker.ts", import.meta.url);
