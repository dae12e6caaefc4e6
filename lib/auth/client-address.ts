type Env = Record<string, string | undefined>;

/**
 * The address login throttling counts. `npm start`'s server appends the socket's peer to X-Forwarded-For, as a
 * reverse proxy does, so the rightmost entry is the one a client cannot choose. Each reverse proxy of your own in
 * front (TRUSTED_PROXY_HOPS) adds one entry to skip; entries left of that are the client's own claims.
 */
export function clientAddressOf(forwardedFor: string | null | undefined, env: Env = process.env): string {
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return "unknown";
  const hops = trustedProxyHops(env);
  const address = entries[Math.max(0, entries.length - 1 - hops)];
  return address.replace(/^::ffff:/, "").slice(0, 64);
}

export function trustedProxyHops(env: Env = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 10, got "${raw}".`);
  return hops;
}
