/** The message of anything thrown: an Error's message, otherwise its text (a thrown string, a rejected value). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
