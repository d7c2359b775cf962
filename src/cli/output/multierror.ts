/** Lists errors as hashicorp/go-multierror does, which nomad prints for batches of errors. */
export function formatMultiError(messages: readonly string[]): string {
  if (messages.length === 1) return `1 error occurred:\n\t* ${messages[0]}\n\n`;
  return `${messages.length} errors occurred:\n\t${messages.map((m) => `* ${m}`).join('\n\t')}\n\n`;
}

/** Lists warnings as nomad's job validation does: "2 warning(s):\n\n* a\n* b". */
export function formatWarnings(messages: readonly string[]): string {
  return `${messages.length} warning(s):\n${messages.map((m) => `\n* ${m}`).join('')}`;
}
