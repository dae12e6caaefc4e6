import { Inngest } from "inngest";
import { isInngestDevFlagSet } from "@/lib/config/inngest-mode";

/** Never dev mode (unsigned requests) in production, even if the start-up refusal was bypassed. */
export const inngest = new Inngest({ id: "factorwatch", isDev: isInngestDevFlagSet() && process.env.NODE_ENV !== "production" });
