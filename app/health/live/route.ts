import { route } from "@/app/_lib/route";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. It says nothing about the database (that is /health/ready). */
export const GET = route({ access: "public" }, async () => Response.json({ status: "alive" }));
