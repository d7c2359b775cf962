/** template (with wait and change_script). */
import type { BlockSpec } from './spec.js';

export const templateSpec: BlockSpec = {
  name: 'template',
  attrs: {
    source: { field: 'SourcePath', kind: 'string' },
    destination: { field: 'DestPath', kind: 'string' },
    data: { field: 'EmbeddedTmpl', kind: 'string' },
    change_mode: { field: 'ChangeMode', kind: 'string' },
    change_signal: { field: 'ChangeSignal', kind: 'string' },
    once: { field: 'Once', kind: 'bool' },
    splay: { field: 'Splay', kind: 'duration' },
    perms: { field: 'Perms', kind: 'string' },
    uid: { field: 'Uid', kind: 'int' },
    gid: { field: 'Gid', kind: 'int' },
    left_delimiter: { field: 'LeftDelim', kind: 'string' },
    right_delimiter: { field: 'RightDelim', kind: 'string' },
    env: { field: 'Envvars', kind: 'bool' },
    vault_grace: { field: 'VaultGrace', kind: 'duration' },
    error_on_missing_key: { field: 'ErrMissingKey', kind: 'bool' },
  },
  blocks: {
    wait: {
      field: 'Wait',
      spec: {
        name: 'wait',
        attrs: { min: { field: 'Min', kind: 'duration' }, max: { field: 'Max', kind: 'duration' } },
      },
    },
    change_script: {
      field: 'ChangeScript',
      spec: {
        name: 'change_script',
        attrs: {
          command: { field: 'Command', kind: 'string' },
          args: { field: 'Args', kind: 'string_list' },
          timeout: { field: 'Timeout', kind: 'duration' },
          fail_on_error: { field: 'FailOnError', kind: 'bool' },
        },
      },
    },
  },
};
