/**
 * Headers the Worker sets on requests it forwards to a run's Durable Object. Copies sent by a
 * client are stripped first, so a Durable Object can trust them.
 */

/** Prefix of every trusted internal header. */
export const TRUSTED_PREFIX = "x-glowback-internal-";
export const TRUSTED_REQUEST_ID = `${TRUSTED_PREFIX}request-id`;
export const TRUSTED_KEY_ID = `${TRUSTED_PREFIX}key-id`;
export const TRUSTED_LAST_EVENT_ID = `${TRUSTED_PREFIX}last-event-id`;

/** A copy of `headers` without any header that claims to be internal. */
export function withoutTrustedHeaders(headers: Headers): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    if (!name.toLowerCase().startsWith(TRUSTED_PREFIX)) copy.append(name, value);
  });
  return copy;
}
