import { TZDate } from "@date-fns/tz";
import { addCalendarDays, todayInNewYork } from "../base/calendar";

const NEW_YORK = "America/New_York";
const NIGHTLY_HOUR_ET = 21;

/** R20: the one nightly schedule, 21:00 America/New_York on weekdays (cron syntax for Inngest). */
export const NIGHTLY_CRON = `TZ=${NEW_YORK} 0 ${NIGHTLY_HOUR_ET} * * 1-5`;

/** When the nightly of trading date `date` is scheduled to start: 21:00 America/New_York on that date. */
export function nightlyStartsAt(date: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(new TZDate(year, month - 1, day, NIGHTLY_HOUR_ET, 0, 0, NEW_YORK).getTime());
}

/** The next instant strictly after `now` at which the nightly is due (21:00 ET, Monday–Friday, DST-aware). */
export function nextNightlyAt(now: Date): Date {
  const today = todayInNewYork(now);
  for (let offset = 0; offset <= 7; offset += 1) {
    const [year, month, day] = addCalendarDays(today, offset).split("-").map(Number);
    const due = new TZDate(year, month - 1, day, NIGHTLY_HOUR_ET, 0, 0, NEW_YORK);
    const weekday = due.getDay();
    if (weekday >= 1 && weekday <= 5 && due.getTime() > now.getTime()) return new Date(due.getTime());
  }
  throw new Error(`nextNightlyAt found no weekday within a week of ${now.toISOString()}`);
}

/**
 * The in-process stand-in for the Inngest cron (used when no Inngest server is configured): calls `run` at every
 * nightly instant while the process lives; a night that throws is reported through `onError` (never swallowed) and
 * the next night is still armed. Returns a function that stops the schedule.
 */
export function scheduleNightly(
  run: () => Promise<void>,
  now: () => Date = () => new Date(),
  onError: (error: unknown) => void = (error) => console.error(`nightly at ${now().toISOString()} failed:`, error),
): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const delayMs = Math.max(0, nextNightlyAt(now()).getTime() - now().getTime());
    timer = setTimeout(() => {
      void run().catch(onError).finally(arm);
    }, delayMs);
    timer.unref();
  };
  arm();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
