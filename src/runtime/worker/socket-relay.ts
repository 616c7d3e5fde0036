/**
 * Relays a WebSocket that a run's Durable Object accepted (hibernatable) through a socket the
 * Worker accepts itself. workerd does not end the client's connection after a server-initiated
 * close on a hibernatable socket that is passed straight through (clients see the close frame but
 * the TCP connection stays open, so `ws` and browsers report the close only after their own
 * timeout); a socket the Worker accepted and closes ends its connection as clients expect.
 */

/** The 101 response whose socket forwards frames and the close between the client and `upstream`. */
export function relayWebSocket(upstream: WebSocket, headers: Headers): Response {
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  upstream.accept();
  let closed = false;
  const closeBoth = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    // 1005/1006 cannot be sent in a close frame; report the end as a normal closure instead.
    const sendable = code === 1005 || code === 1006 ? 1000 : code;
    for (const socket of [server, upstream]) {
      try {
        socket.close(sendable, reason);
      } catch {
        // already closed
      }
    }
  };
  upstream.addEventListener("message", (event) => server.send(event.data));
  server.addEventListener("message", (event) => upstream.send(event.data));
  upstream.addEventListener("close", (event) => closeBoth(event.code, event.reason));
  server.addEventListener("close", (event) => closeBoth(event.code, event.reason));
  upstream.addEventListener("error", () => closeBoth(1011, "Stream interrupted"));
  server.addEventListener("error", () => closeBoth(1000, ""));
  return new Response(null, { status: 101, headers, webSocket: client });
}
