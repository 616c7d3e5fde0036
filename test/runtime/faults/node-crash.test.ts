/** Crash recovery of the Node host (`npm start`) on better-sqlite3. */
import { describe } from "vitest";
import { nodeServer } from "../../support/host-servers.ts";
import { crashContract } from "./crash-contract.ts";

describe("Node host killed mid-run", () => crashContract(nodeServer));
