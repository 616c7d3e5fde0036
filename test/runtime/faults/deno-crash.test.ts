/** Crash recovery of the Deno host (`deno task start`) on `node:sqlite`. */
import { describe } from "vitest";
import { denoServer } from "../../support/host-servers.ts";
import { crashContract } from "./crash-contract.ts";

describe("Deno host killed mid-run", () => crashContract(denoServer));
