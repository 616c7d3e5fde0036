/** The typed client and stream helper against `wrangler dev` (workerd with the Durable Object), offline. */
import { wranglerDevServer } from "../../support/host-servers.ts";
import { describeClientHost } from "./client-contract.ts";

describeClientHost("client on the wrangler dev host", "workerd", wranglerDevServer);
