/**
 * The spec's job files: every `job "..." { ... }` block in the spec's HCL code fences. Read
 * from ../shared/spec (beside the checkout) when present, else from the copy in
 * test/fixtures/spec.txt.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '../shared/spec/000_45d511daa4142bbb.txt');

export function specText(): string {
  return readFileSync(
    existsSync(shared) ? shared : resolve(root, 'test/fixtures/spec.txt'),
    'utf8',
  );
}

/** Job name -> its HCL source, in spec order. */
export function specJobs(): Map<string, string> {
  const out = new Map<string, string>();
  const fences = specText().matchAll(/```hcl\n([\s\S]*?)```/g);
  for (const [, body] of fences) {
    const m = /^job "([^"]+)" \{/m.exec(body as string);
    if (m) out.set(m[1] as string, (body as string).slice(m.index));
  }
  return out;
}

/** Every HCL fence that is not a job: agent configs and ACL policies. */
export function specConfigs(): string[] {
  return [...specText().matchAll(/```hcl\n([\s\S]*?)```/g)]
    .map((m) => m[1] as string)
    .filter((b) => !/^job "/m.test(b));
}
