// docs/agent-config.md is generated from the schema (agentConfigDocs): it must be current.
// Regenerate with: npx tsx -e "import('./src/agent/index.ts').then(m => process.stdout.write(m.agentConfigDocs()))" > docs/agent-config.md
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentConfigDocs, agentConfigSchema } from '../src/agent/index.js';

describe('docs/agent-config.md', () => {
  const onDisk = readFileSync(new URL('../docs/agent-config.md', import.meta.url), 'utf8');

  it('is generated from the schema', () => {
    expect(onDisk).toBe(agentConfigDocs());
  });

  it('lists every block and key', () => {
    const walk = (schema: Record<string, { kind: string; schema?: object }>, title: string) => {
      expect(onDisk).toContain(`## \`${title}\``);
      for (const [key, f] of Object.entries(schema)) {
        expect(onDisk).toContain(`| \`${key}\` |`);
        if (f.kind === 'block' || f.kind === 'labeled') {
          const name = f.kind === 'labeled' ? `${key} "name"` : key;
          walk(f.schema as typeof schema, title === 'top level' ? name : `${title} > ${name}`);
        }
      }
    };
    walk(agentConfigSchema, 'top level');
  });
});
