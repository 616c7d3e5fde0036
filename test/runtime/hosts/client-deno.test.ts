/** The typed client and stream helper against a real Deno server. */
import { denoServer } from "../../support/host-servers.ts";
import { describeClientHost } from "./client-contract.ts";

describeClientHost("client on the Deno host", "deno", denoServer);
