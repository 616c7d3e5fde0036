/**
 * The dashboard page for one mount point. The page cannot use `<base href>` (its CSP says
 * `base-uri 'none'`) and relative URLs break at `/glowback` without a trailing slash, so the
 * prefix is written into the asset URLs and into `<meta name="glowback-base">`, which the script
 * reads as its API base.
 */

const PLACEHOLDER = "{{base}}";

function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** `html` with every `{{base}}` replaced by `prefix` ("" or "/glowback"), escaped for an attribute. */
export function renderDashboardHtml(html: string, prefix: string): string {
  return html.replaceAll(PLACEHOLDER, escapeAttribute(prefix));
}
