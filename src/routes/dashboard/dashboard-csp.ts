/** The dashboard page's Content-Security-Policy: the narrowest under which it works. */

/**
 * Scripts, styles and connections (REST, WebSocket and SSE) only to this origin; no images
 * at all (charts are canvas, downloads are blob links, which images do not govern); no inline
 * script or style; forms submit nowhere (they are handled by script); never framed.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");
