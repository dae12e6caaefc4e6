import { Inngest } from "inngest";

/** Dev mode (local Inngest dev server, unsigned requests) when INNGEST_DEV is set to anything but 0/false. */
export function isInngestDev(env: Record<string, string | undefined> = process.env): boolean | undefined {
  const value = env.INNGEST_DEV;
  if (value === undefined || value === "") return undefined;
  return !["0", "false"].includes(value.toLowerCase());
}

export const inngest = new Inngest({ id: "factorwatch", isDev: isInngestDev() });
