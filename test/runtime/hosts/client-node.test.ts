/** The typed client and stream helper against a real Node server. */
import { nodeServer } from "../../support/host-servers.ts";
import { describeClientHost } from "./client-contract.ts";

describeClientHost("client on the Node host", "node", nodeServer);
