import { z } from "./zod";
import { isIsoDate } from "@/lib/base/calendar";

/** A real calendar date written YYYY-MM-DD (the one calendar's rule); `label` names the field in the message. */
export function isoDateSchema(label: string) {
  return z.string({ error: `${label} must be a date written YYYY-MM-DD` }).refine(isIsoDate, `${label} must be a real date written YYYY-MM-DD`);
}
