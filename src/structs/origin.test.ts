import { describe, expect, it } from 'vitest';
import { canonicalizeJob } from './canonicalize.js';
import { validateJob } from './validate.js';

describe('problem paths follow what the job file wrote', () => {
  it('maps split ports back to `_Ports` and wrapped tasks back to `_Tasks`', () => {
    const job = canonicalizeJob({
      ID: 'j',
      TaskGroups: [
        {
          Name: 'g',
          Networks: [
            {
              _Ports: [{ Label: 'x' }, { Label: 'a', Value: 80 }, { Label: 'a', Value: 81 }],
            } as never,
          ],
          Tasks: [{ Name: 't', Driver: 'd' }],
        },
      ],
      _Tasks: [{ Name: 'solo' }],
    });
    expect(validateJob(job).errors.map((e) => e.path)).toEqual([
      ['TaskGroups', 0, 'Networks', 0, '_Ports', 2, 'Label'],
      ['_Tasks', 0, 'Driver'],
    ]);
  });

  it('keeps API paths for jobs that came split already', () => {
    const job = canonicalizeJob({
      ID: 'j',
      TaskGroups: [
        {
          Name: 'g',
          Networks: [
            { ReservedPorts: [{ Label: 'a', Value: 80 }], DynamicPorts: [{ Label: 'a' }] },
          ],
          Tasks: [{ Name: 't', Driver: 'd' }],
        },
      ],
    });
    expect(validateJob(job).errors.map((e) => e.path)).toEqual([
      ['TaskGroups', 0, 'Networks', 0, 'DynamicPorts', 0, 'Label'],
    ]);
  });
});
