import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { nightlyCron } from "./nightly-cron";

describe("nightly-cron", () => {
  it("fires at 21:00 America/New_York on weekdays", () => {
    const config = nightlyCron["getConfig"]({ baseUrl: new URL("http://localhost:3000/api/inngest"), appPrefix: "factorwatch" });
    expect(config[0].triggers).toEqual([{ cron: "TZ=America/New_York 0 21 * * 1-5" }]);
    expect(config[0].id).toBe("factorwatch-nightly-cron");
  });

  it("only sends factorwatch/nightly.requested (no step.run, no I/O)", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: nightlyCron }).execute({
      steps: [{ id: "request-nightly", handler: () => ({ ids: ["event-1"] }) }],
    });
    expect(result).toEqual({ requested: true });
    expect(ctx.step.run).not.toHaveBeenCalled();
    expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("request-nightly", expect.objectContaining({ name: "factorwatch/nightly.requested", data: { triggeredBy: "cron" } }));
  });
});
