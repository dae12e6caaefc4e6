import { z } from "zod";

// In the browser the Content-Security-Policy forbids eval. Zod compiles object parsers with `new Function` and, even
// when that is refused and caught, the browser reports a policy violation; jitless parsing never tries. This runs
// before any schema is built because every schema module imports zod from here. Servers keep the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
