/**
 * The one decision on where runs execute: on an Inngest server or in this process. Every caller (the launcher, the
 * Inngest client and route, `npm start`'s own nightly timer) asks here, so they can never disagree.
 */

type Env = Record<string, string | undefined>;

/** `off`: runs execute in this process; `dev`: a local Inngest dev server (unsigned); `cloud`: Inngest Cloud or self-hosted (signed). */
export type InngestMode = "off" | "dev" | "cloud";

/** A configuration that must not start: the message says what to change. */
export class InngestConfigError extends Error {}

/** INNGEST_DEV as a switch: unset, empty, `0` and `false` (any case) are off; anything else is on. */
export function isInngestDevFlagSet(env: Env = process.env): boolean {
  const value = env.INNGEST_DEV?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/**
 * Dev mode accepts unsigned calls to /api/inngest, so it is refused with NODE_ENV=production. Half a key pair is
 * refused too: an event key alone would hand runs to a server that can never call back, a signing key alone would
 * let the Inngest cron and this process's timer both run the nightly.
 */
export function readInngestMode(env: Env = process.env): InngestMode {
  if (isInngestDevFlagSet(env)) {
    if (env.NODE_ENV === "production") {
      throw new InngestConfigError(
        "INNGEST_DEV is set while NODE_ENV=production: dev mode lets anyone call /api/inngest unsigned. Unset INNGEST_DEV (or set it to 0), and set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY to use Inngest in production.",
      );
    }
    return "dev";
  }
  const eventKey = Boolean(env.INNGEST_EVENT_KEY?.trim());
  const signingKey = Boolean(env.INNGEST_SIGNING_KEY?.trim());
  if (eventKey !== signingKey) {
    const [set, missing] = eventKey ? ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"] : ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY"];
    throw new InngestConfigError(`${set} is set but ${missing} is not: set both to run the batch on Inngest, or neither to run it in this process.`);
  }
  return eventKey ? "cloud" : "off";
}

/** Whether runs go to an Inngest server (dev or signed); false means this process runs them. Throws on a refused configuration. */
export function isInngestConfigured(env: Env = process.env): boolean {
  return readInngestMode(env) !== "off";
}
