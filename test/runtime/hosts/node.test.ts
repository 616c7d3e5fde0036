/** The host contract against a real Node server (`node --import tsx src/runtime/node.ts`). */
import { nodeServer } from "../../support/host-servers.ts";
import { describeHost } from "./describe-host.ts";

describeHost("Node host", "node", nodeServer);
