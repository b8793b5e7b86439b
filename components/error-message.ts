/** The text of a rejection, whatever was thrown; actions reject with plain-language messages. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return String(error);
}
