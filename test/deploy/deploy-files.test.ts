import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { migrationsFolder } from '../../src/db/migrate.js';
import { execForm, ignoredByDockerignore, parseCopy, parseDockerfile, type Stage } from './dockerfile.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const stages = parseDockerfile(read('Dockerfile'));
const dockerignore = read('.dockerignore');
const packageJson = JSON.parse(read('package.json')) as { type: string; dependencies: Record<string, string> };

const stage = (name: string): Stage => {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`the Dockerfile has no stage named ${name}`);
  return found;
};
const build = stage('build');
const runtime = stage('runtime');
const all = (s: Stage, keyword: string) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const runs = (s: Stage) => all(s, 'RUN').join(' && ');
const workdir = (s: Stage) => {
  const dirs = all(s, 'WORKDIR');
  expect(dirs).toHaveLength(1);
  return dirs[0]!;
};
/** Where a COPY puts one source, as an absolute path in the image. */
const landsAt = (s: Stage, source: string, destination: string) => {
  const into = path.posix.resolve(workdir(s), destination);
  return destination.endsWith('/') ? path.posix.join(into, path.posix.basename(source)) : into;
};
const envOf = (s: Stage) => {
  const env = new Map<string, string>();
  for (const args of all(s, 'ENV')) for (const [, name = '', value = ''] of args.matchAll(/(\w+)=(\S+)/g)) env.set(name, value);
  return env;
};

/** The variables the app's configuration reads, whatever their values. */
function variablesTheAppReads(): Set<string> {
  const seen = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_target, name) => {
      if (typeof name === 'string') seen.add(name);
      return undefined;
    },
  });
  expect(() => loadConfig(env, { policyFile: 'policy.yml', cwd: root })).toThrow();
  return seen;
}

/** The packages the app and its command-line tools import at run time (type-only imports are erased). */
function runtimePackages(entries: readonly string[]): Set<string> {
  const packages = new Set<string>();
  const visited = new Set<string>();
  const visit = (file: string) => {
    if (visited.has(file)) return;
    visited.add(file);
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...[...text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^;'"]*?\sfrom\s+'([^']+)'/g)].filter((m) => !m[1]).map((m) => m[2]!),
      ...[...text.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g)].map((m) => m[1]!),
      ...[...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!),
    ];
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts'));
      else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier))
        packages.add(
          specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/'),
        );
    }
  };
  for (const entry of entries) visit(path.join(root, entry));
  return packages;
}

/** Answers GET /healthz with `status`, and runs `command` against it with PORT set; resolves to its exit status. */
async function healthcheckExit(command: readonly string[], status: number, portVariable: boolean): Promise<number | null> {
  const server = createServer((req, res) => res.writeHead(req.url === '/healthz' ? status : 404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    const [program, ...args] = command.map((word) => (portVariable ? word : word.replace(':3000/', `:${port}/`)));
    const child = spawn(program === 'node' ? process.execPath : program!, args, { env: { ...process.env, PORT: String(port) } });
    return await new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  } finally {
    server.close();
  }
}

describe('the Dockerfile', () => {
  it('builds in one stage and runs from a second, last one', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(build.image).toBe(runtime.image);
    expect(runtime.image).toMatch(/^node:/);
  });

  it('builds with every dependency and tsc, from the files the build reads', () => {
    expect(runs(build)).toMatch(/\bnpm ci\b(?! --omit)/);
    expect(runs(build)).toContain('npm run build');
    const copied = all(build, 'COPY').flatMap((args) => parseCopy(args).sources);
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src']));
    const buildConfig = JSON.parse(read('tsconfig.build.json')) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(buildConfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: 'src' });
  });

  it('installs only production dependencies in the runtime, and copies no sources', () => {
    expect(runs(runtime)).toMatch(/\bnpm ci --omit=dev\b/);
    const copied = all(runtime, 'COPY').flatMap((args) => parseCopy(args).sources);
    expect(copied.filter((source) => /^(src|test|bench)\b|tsconfig/.test(source))).toEqual([]);
  });

  it('copies into the runtime only files that exist and that .dockerignore lets through', () => {
    const fromContext = all(runtime, 'COPY')
      .map(parseCopy)
      .filter((copy) => copy.from === undefined)
      .flatMap((copy) => copy.sources);
    const fromBuild = all(runtime, 'COPY')
      .map(parseCopy)
      .filter((copy) => copy.from !== undefined);
    for (const source of [...fromContext, ...all(build, 'COPY').flatMap((args) => parseCopy(args).sources)]) {
      expect(existsSync(path.join(root, source)), source).toBe(true);
      expect(ignoredByDockerignore(dockerignore, source), source).toBe(false);
    }
    expect(fromBuild).toEqual([{ from: 'build', sources: [path.posix.join(workdir(build), 'dist')], destination: './dist' }]);
  });

  it('puts the migrations and the policy where the built app looks for them', () => {
    const app = workdir(runtime);
    const placed = all(runtime, 'COPY')
      .map(parseCopy)
      .flatMap((copy) => copy.sources.map((source) => ({ source, at: landsAt(runtime, source, copy.destination) })));
    // dist/ mirrors src/, so what src/db/migrate.ts and src/main.ts find beside src/ the image must hold beside dist/
    expect(path.relative(root, migrationsFolder)).toBe('drizzle');
    expect(placed).toContainEqual({ source: 'drizzle', at: `${app}/drizzle` });
    expect(read('src/main.ts')).toMatch(/const packageRoot = fileURLToPath\(new URL\('\.\.', import\.meta\.url\)\)/);
    expect(read('src/main.ts')).toMatch(/policyFile: `\$\{packageRoot\}policy\.yml`/);
    expect(placed).toContainEqual({ source: 'policy.yml', at: `${app}/policy.yml` });
    expect(placed).toContainEqual({ source: 'package.json', at: `${app}/package.json` });
    expect(packageJson.type).toBe('module');
    expect(placed).toContainEqual({ source: 'scripts/build-if-stale.mjs', at: `${app}/scripts/build-if-stale.mjs` });
    expect(existsSync(path.join(root, 'drizzle/meta/_journal.json'))).toBe(true);
  });

  it('needs no devDependency at run time: the app and the tools import only dependencies', () => {
    const used = runtimePackages(['src/main.ts', 'src/cli/import.ts', 'src/cli/export.ts', 'src/cli/job.ts']);
    expect([...used]).toEqual(expect.arrayContaining(['@slack/bolt', 'postgres', '@electric-sql/pglite', 'drizzle-orm', 'pino']));
    for (const name of used) expect(Object.keys(packageJson.dependencies), name).toContain(name);
  });

  it('runs as the unprivileged node user, with a data folder it owns', () => {
    const users = all(runtime, 'USER');
    expect(users).toEqual(['node']);
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    const dataDir = envOf(runtime).get('DATA_DIR');
    expect(dataDir).toBe('/data');
    expect(runs(runtime)).toContain(`chown node:node ${dataDir}`);
    expect(execForm(all(runtime, 'CMD')[0]!)).toEqual(['node', '--enable-source-maps', 'dist/main.js']);
    expect(existsSync(path.join(root, 'src/main.ts'))).toBe(true);
  });

  it('exposes the port it listens on and checks its health on /healthz there', async () => {
    const port = envOf(runtime).get('PORT');
    expect(all(runtime, 'EXPOSE')).toEqual([port]);
    const [healthcheck] = all(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/--start-period=\d+s/);
    const command = execForm(healthcheck!.slice(healthcheck!.indexOf('CMD')));
    expect(await healthcheckExit(command, 200, true)).toBe(0);
    expect(await healthcheckExit(command, 503, true)).toBe(1);
  });

  it('keeps secrets and local state out of the build context', () => {
    for (const file of ['.env', '.data/shiftdesk.lock', 'node_modules/x/index.js', 'dist/main.js', '.git/config', 'test/config.test.ts'])
      expect(ignoredByDockerignore(dockerignore, file), file).toBe(true);
    expect(ignoredByDockerignore(dockerignore, 'src/main.ts')).toBe(false);
  });
});

interface ComposeService {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}
const compose = parse(read('compose.yaml')) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

/** `${NAME}`, `${NAME:-default}` and `${NAME:?message}` as Compose fills them from `env`. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_match, name: string, kind: string | undefined, rest: string) => {
    const set = env[name];
    if (set !== undefined && set !== '') return set;
    if (kind === '?') throw new Error(rest);
    return kind === '-' ? rest : '';
  });
}

describe('compose.yaml', () => {
  const app = compose.services.app!;
  const postgres = compose.services.postgres!;

  it('runs PostgreSQL on a named volume, with a health check the app waits for', () => {
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain('pgdata');
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(app.build).toBe('.');
    expect(app.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('sets only variables the app reads', () => {
    const known = variablesTheAppReads();
    expect([...known]).toEqual(expect.arrayContaining(['SLACK_BOT_TOKEN', 'DATABASE_URL', 'DATA_DIR', 'POLICY_FILE', 'PORT']));
    for (const name of Object.keys(app.environment ?? {})) expect([...known], name).toContain(name);
  });

  it("configures the app on the PostgreSQL service's database, on the port the image exposes", () => {
    const env = Object.fromEntries(
      Object.entries(app.environment ?? {}).map(([name, value]) => [
        name,
        interpolate(String(value), { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xapp-1-2' }),
      ]),
    );
    const config = loadConfig(env, { policyFile: 'policy.yml', cwd: '/app' });
    const pg = postgres.environment ?? {};
    const expectedUrl = `postgres://${pg.POSTGRES_USER}:${interpolate(pg.POSTGRES_PASSWORD ?? '', {})}@postgres:5432/${pg.POSTGRES_DB}`;
    expect(config.database).toEqual({ kind: 'postgres', url: expectedUrl });
    expect(config.slack.mode).toBe('socket');
    expect(String(config.port)).toBe(envOf(runtime).get('PORT'));
    expect(app.ports).toEqual([`\${SHIFTDESK_PORT:-3000}:${config.port}`]);
    expect(config.policyFile).toBe(`${workdir(runtime)}/policy.yml`);
    expect(app.volumes).toContain(`./policy.yml:${config.policyFile}:ro`);
    expect(() => interpolate(app.environment?.SLACK_BOT_TOKEN ?? '', {})).toThrow(/set SLACK_BOT_TOKEN/);
  });

  it("checks the app's health on /healthz", async () => {
    const command = app.healthcheck?.test ?? [];
    expect(command[0]).toBe('CMD');
    expect(await healthcheckExit(command.slice(1), 200, false)).toBe(0);
    expect(await healthcheckExit(command.slice(1), 503, false)).toBe(1);
  });
});
