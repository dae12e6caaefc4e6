/**
 * Response headers of every response (set by proxy.ts). The policy allows this site's own scripts and styles only:
 * Next's inline bootstrap scripts carry the per-request nonce ('strict-dynamic' lets them load the chunks), inline
 * style attributes (charts, widths) are allowed, anything injected is not. Development adds what React's dev tools
 * need (eval for error overlays, inline styles, the HMR socket).
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? `style-src 'self' 'unsafe-inline'` : `style-src 'self' 'nonce-${nonce}'`,
    `style-src-attr 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

/** The security headers of a response under the policy `csp`: every response carries them (proxy.ts, the API's fast path). */
export function securityHeaders(csp: string): Record<string, string> {
  return { "content-security-policy": csp, ...STATIC_SECURITY_HEADERS };
}

/** A fresh, unguessable nonce per request (128 bits, base64). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
