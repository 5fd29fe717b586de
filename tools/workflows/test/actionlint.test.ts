import { describe, expect, it } from 'vitest';
import { lintWorkflow } from './actionlint.js';
import { anyWorkflowSchema, parseYaml, readWorkflow, workflowFiles } from './workflow-files.js';

const files = workflowFiles();

describe('every workflow file', () => {
  it('includes the nightly and reminders workflows', () => {
    expect(files).toEqual(expect.arrayContaining(['sync360-nightly.yml', 'sync360-reminders.yml']));
  });

  it.each(files)('%s passes actionlint with zero findings', async (name) => {
    const findings = await lintWorkflow(readWorkflow(name), `.github/workflows/${name}`);
    expect(
      findings.map((f) => `${name}:${String(f.line)}:${String(f.column)} ${f.kind}: ${f.message}`),
    ).toEqual([]);
  });

  it.each(files)('%s declares top-level permissions and a timeout on every job', (name) => {
    const parsed = anyWorkflowSchema.safeParse(parseYaml(readWorkflow(name)));
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'))).toEqual(
      [],
    );
  });
});

describe('the actionlint harness', () => {
  it('does find errors (so a clean result means something)', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ${{ github.nope }}',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          not-an-input: 1',
    ].join('\n');
    const findings = await lintWorkflow(broken, 'broken.yml');
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['expression', 'action']));
  });
});
