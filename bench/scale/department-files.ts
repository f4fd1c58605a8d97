/**
 * The synthetic department of bench/department.ts as the two files an operator imports: org.csv (a GM,
 * a manager, a lead per 20 agents, the agents) and roster.csv (every agent on a 4-on-2-off day shift),
 * written a line at a time so that a year of 10,000 agents never sits in memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { addDays, type LocalDate } from '../../src/policy/time.js';
import { departmentSlackIds } from '../department.js';

export interface DepartmentFiles {
  readonly org: string;
  readonly roster: string;
  readonly rosterRows: number;
  readonly agentIds: readonly string[];
}

export async function writeDepartmentFiles(
  dir: string,
  { agents, days, firstDay }: { agents: number; days: number; firstDay: LocalDate },
): Promise<DepartmentFiles> {
  const [gm, manager, ...rest] = departmentSlackIds(agents);
  const leads = rest.slice(0, agents / 20);
  const agentIds = rest.slice(agents / 20);
  const org = path.join(dir, 'org.csv');
  await writeLines(org, function* () {
    yield 'slack_id,name,team,role,reports_to';
    yield `${gm},GM,phone,gm,`;
    yield `${manager},Manager,phone,manager,${gm}`;
    for (const lead of leads) yield `${lead},${lead},phone,lead,${manager}`;
    for (const [a, agent] of agentIds.entries()) yield `${agent},${agent},phone,agent,${leads[Math.floor(a / 20)]}`;
  });
  const roster = path.join(dir, 'roster.csv');
  let rosterRows = 0;
  await writeLines(roster, function* () {
    yield 'date,shift,slack_id';
    for (let d = 0; d < days; d++) {
      const date = addDays(firstDay, d);
      for (const [a, agent] of agentIds.entries()) {
        if ((d + a) % 6 >= 4) continue;
        rosterRows += 1;
        yield `${date},R,${agent}`;
      }
    }
  });
  return { org, roster, rosterRows, agentIds };
}

async function writeLines(file: string, lines: () => Generator<string>): Promise<void> {
  const out = createWriteStream(file);
  let chunk: string[] = [];
  for (const line of lines()) {
    chunk.push(line);
    if (chunk.length < 10_000) continue;
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
    chunk = [];
  }
  out.end(chunk.length > 0 ? `${chunk.join('\n')}\n` : '');
  await once(out, 'finish');
}
