/** The layers of src/, checked on every `npm test` (see README, "Source map"). */
const nodeIo = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|worker_threads|dgram|dns|tls|cluster|os|process)$';

module.exports = {
  forbidden: [
    {
      name: 'policy-is-pure',
      comment: 'The rule core reads no database, Slack, job, CLI, use case, i18n runtime, CSV parser or node I/O: rows reach it already parsed.',
      severity: 'error',
      from: { path: '^src/policy/' },
      to: {
        path: ['^src/(db|slack|slack-standin|jobs|cli|use-cases|sandbox|http)/', '^src/csv\\.ts$', '^src/(start|main|logger|metrics|request-context|config|clock|read-policy-file)\\.ts$', nodeIo],
      },
    },
    {
      name: 'policy-names-messages-only',
      comment: 'The rule core names message keys (their types); translating them is the adapters\' job.',
      severity: 'error',
      from: { path: '^src/policy/' },
      to: { path: '^src/i18n/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'use-cases-know-no-slack',
      comment: 'Use cases are the same for every way in (Slack, jobs, CLI, the sandbox).',
      severity: 'error',
      from: { path: '^src/use-cases/' },
      to: { path: ['^src/(slack|slack-standin|sandbox|cli|http)/', '@slack/'] },
    },
    {
      name: 'slack-reaches-the-database-through-use-cases',
      comment: 'Listeners and views call use cases; only the types of rows may be named here.',
      severity: 'error',
      from: { path: '^src/slack/' },
      to: { path: '^src/db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'The sandbox page script runs in the browser and imports by URL.',
      severity: 'error',
      from: { pathNot: '^src/sandbox/page-script\\.js$' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.d.ts', '.json'] },
  },
};
