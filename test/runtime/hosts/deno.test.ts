/** The host contract against a real Deno server (`deno run … src/runtime/deno.ts`, as `deno task start`). */
import { denoServer } from "../../support/host-servers.ts";
import { describeHost } from "./describe-host.ts";

describeHost("Deno host", "deno", denoServer);
