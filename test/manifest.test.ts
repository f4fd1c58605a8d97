import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePolicy } from '../src/policy/policy-file.js';
import { newerMethodScopes } from '../src/slack-standin/contract.js';
import { commands, events } from '../src/slack/ids.js';
import type { Router } from '../src/slack/route-table.js';
import { registerRoutes } from '../src/slack/routes.js';
import type { SlackServices } from '../src/slack/services.js';
import type { UseCaseDeps } from '../src/use-cases/deps.js';

const root = path.resolve(import.meta.dirname, '..');
const shared = path.join(root, 'test/slack-specs');
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as Manifest;

interface Manifest {
  features: { slash_commands: { command: string; description: string; usage_hint?: string }[]; app_home: { home_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

function validator() {
  const schema = JSON.parse(readFileSync(path.join(shared, 'manifest.schema.1.0.0.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv.compile(schema);
}

/** What the code registers, recorded through the same function the app uses. */
function registrations() {
  const seen = { commands: [] as string[], events: [] as string[] };
  const recorder = {
    command: (name: string) => void seen.commands.push(name),
    event: (name: string) => void seen.events.push(name),
    action: () => undefined,
    view: () => undefined,
  } as unknown as Router;
  const policy = parsePolicy(readFileSync(path.join(root, 'policy.yml'), 'utf8'));
  registerRoutes(recorder, { policy } as UseCaseDeps, {} as SlackServices);
  return seen;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Web API methods the app calls, found in the source as client.<family>.<method>(…). */
function webApiMethodsUsed(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/client\.(\w+)\s*\.(\w+)\s*\(/g)) found.add(`${m[1]}.${m[2]}`);
  }
  return [...found].sort();
}

describe('manifest.yml', () => {
  it('is a valid Slack app manifest', () => {
    const validate = validator();
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is checked by a validator that does reject a broken manifest', () => {
    const broken = structuredClone(manifest) as unknown as {
      features: { slash_commands: { command: string }[] };
      settings: { interactivity: object };
    };
    broken.features.slash_commands[0]!.command = 'leave';
    broken.settings.interactivity = {};
    expect(validator()(broken)).toBe(false);
  });

  it('declares exactly the slash commands the app registers, each with a description and usage hint', () => {
    const declared = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(declared).toEqual(registrations().commands.sort());
    expect(declared).toEqual(Object.values(commands).sort());
    for (const c of manifest.features.slash_commands) {
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.usage_hint?.length).toBeGreaterThan(0);
    }
  });

  it('subscribes to exactly the events the app listens to', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(registrations().events.sort());
    expect(registrations().events.sort()).toEqual(Object.values(events).sort());
  });

  it('turns on interactivity, the Home tab and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('asks for exactly the bot scopes the code needs', () => {
    const spec = JSON.parse(readFileSync(path.join(root, 'src/slack-standin/slack_web_openapi_v2_without_examples.json'), 'utf8')) as {
      paths: Record<string, Record<string, { security?: { slackAuth: string[] }[] }>>;
    };
    const methods = webApiMethodsUsed();
    expect(methods).toContain('users.info');
    const declared = new Set(manifest.oauth_config.scopes.bot);
    const needed = new Set<string>(['commands']);
    for (const method of methods) {
      const operation = Object.values(spec.paths[`/${method}`] ?? {})[0];
      // methods newer than the 2021 spec carry their scopes beside the stand-in's contract
      const newer = newerMethodScopes[method];
      expect(operation ?? newer, `${method} is not a Slack Web API method`).toBeDefined();
      // The 2021 spec names legacy scopes ("chat:write:bot"); today's bot scope drops the suffix.
      const options = (newer ?? operation?.security?.[0]?.slackAuth ?? [])
        .map((s) => s.replace(/:(bot|user)$/, ''))
        .filter((s) => s !== 'none');
      if (options.length === 0) continue;
      const granted = options.find((s) => declared.has(s));
      expect(granted, `${method} needs one of ${options.join(', ')}`).toBeDefined();
      needed.add(granted as string);
    }
    // Block Kit elements need scopes of their own: file_input needs files:read, as Slack documents
    const usesFileInput = sourceFiles(path.join(root, 'src')).some((file) => readFileSync(file, 'utf8').includes("type: 'file_input'"));
    if (usesFileInput) needed.add('files:read');
    expect([...declared].sort()).toEqual([...needed].sort());
  });
});
