import { vi } from "vitest";

// `server-only` throws outside a React server environment; lib/queries marks itself with it.
vi.mock("server-only", () => ({}));
