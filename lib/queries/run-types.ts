import "server-only";

/** The run DTOs live in lib/schemas/run-dto (components may import them; they may not import lib/queries). */
export type { ErrorDetailDto, LogEntryDto, PhaseRunStatus, RunListItem, RunStatus } from "@/lib/schemas/run-dto";
