import { describe, expect, it } from "vitest";
import { readSessionCookie, serializeClearedSessionCookie, serializeSessionCookie, sessionCookieName } from "./session-cookie";

describe("session cookie", () => {
  it("is __Host-, Secure, HttpOnly, SameSite=Lax, path / and 7 days by default", () => {
    expect(serializeSessionCookie("tok", {})).toBe("__Host-fw_session=tok; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=604800");
    expect(serializeClearedSessionCookie({})).toBe("__Host-fw_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0");
  });

  it("drops Secure and the __Host- prefix (which needs Secure) only with COOKIE_SECURE=false", () => {
    expect(sessionCookieName({ COOKIE_SECURE: "false" })).toBe("fw_session");
    expect(serializeSessionCookie("tok", { COOKIE_SECURE: "false" })).toBe("fw_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800");
    expect(sessionCookieName({ COOKIE_SECURE: "true" })).toBe("__Host-fw_session");
  });

  it("reads the token by exact name", () => {
    expect(readSessionCookie("a=1; __Host-fw_session=abc; b=2", {})).toBe("abc");
    expect(readSessionCookie("fw_session=abc", {})).toBeNull();
    expect(readSessionCookie("x__Host-fw_session=abc", {})).toBeNull();
    expect(readSessionCookie(null, {})).toBeNull();
  });
});
