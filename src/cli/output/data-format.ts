/**
 * The -json and -t options of commands that print API objects (nomad's Format / DataFormat).
 * Go templates (-t) are not supported yet: asking for one is a clean error.
 */
import { goJSON } from './json.js';

export type FormatOutcome = { out: string } | { error: string };

/** Formats `data` for -json or -t, with nomad's error texts for conflicting options. */
export function formatData(json: boolean, template: string, data: unknown): FormatOutcome {
  if (json && template.length > 0)
    return { error: 'Both json and template formatting are not allowed' };
  if (json) return { out: goJSON(data) };
  if (template.length > 0) return formatTemplate(template, data);
  return { error: 'no formatting option given' };
}

/** Go-template output: a stub until the template engine lands. */
export function formatTemplate(_template: string, _data: unknown): FormatOutcome {
  return { error: 'Template output (-t) is not yet supported; use -json instead' };
}
