/** The host contract against `wrangler dev` (workerd with the Durable Object), offline. */
import { wranglerDevServer } from "../../support/host-servers.ts";
import { describeHost } from "./describe-host.ts";

describeHost("wrangler dev host", "workerd", wranglerDevServer);
