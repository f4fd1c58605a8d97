import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approversFor, buildChain, mayDecide, stepsAfterApproval, type Org, type OrgMember } from '../../src/policy/approval.js';
import { approverRoles, type ApproverRole, type Role } from '../../src/policy/policy-file.js';

const member = (slackId: string, role: Role, reportsTo: string | null, active = true): OrgMember => ({ slackId, role, reportsTo, active });
const orgOf = (...members: OrgMember[]): Org => new Map(members.map((m) => [m.slackId, m]));

// agent → lead → manager → gm, plus a second lead beside the first
const org = orgOf(
  member('GM', 'gm', null),
  member('MGR', 'manager', 'GM'),
  member('LEAD', 'lead', 'MGR'),
  member('LEAD2', 'lead', 'MGR'),
  member('AGENT', 'agent', 'LEAD'),
  member('QA', 'qa', 'MGR'),
);
const none = new Set<string>();

describe('buildChain', () => {
  it('finds each role up the reporting line', () => {
    expect(buildChain(org, 'AGENT', ['lead', 'manager', 'gm'], none)).toEqual([
      { role: 'lead', approverId: 'LEAD', skipped: [] },
      { role: 'manager', approverId: 'MGR', skipped: [] },
      { role: 'gm', approverId: 'GM', skipped: [] },
    ]);
  });

  it('passes the step of an approver who is away to the next person up, and says so', () => {
    expect(buildChain(org, 'AGENT', ['lead'], new Set(['LEAD']))).toEqual([{ role: 'lead', approverId: 'MGR', skipped: ['LEAD'] }]);
  });

  it('merges steps that land on the same person', () => {
    expect(buildChain(org, 'AGENT', ['lead', 'manager'], new Set(['LEAD']))).toEqual([
      { role: 'manager', approverId: 'MGR', skipped: ['LEAD'] },
    ]);
  });

  it("uses a higher role when the line has no one of the role asked for, e.g. a lead's own leave", () => {
    expect(buildChain(org, 'LEAD', ['lead', 'manager'], none)).toEqual([{ role: 'manager', approverId: 'MGR', skipped: [] }]);
  });

  it('has no chain when nobody above can approve', () => {
    expect(buildChain(org, 'GM', ['lead'], none)).toBeUndefined();
    expect(buildChain(org, 'AGENT', ['gm'], new Set(['GM']))).toBeUndefined();
  });

  it('skips inactive people and survives a reporting cycle', () => {
    const cyclic = orgOf(member('A', 'agent', 'B'), member('B', 'lead', 'C', false), member('C', 'manager', 'B'));
    expect(buildChain(cyclic, 'A', ['lead'], none)).toEqual([{ role: 'lead', approverId: 'C', skipped: [] }]);
  });

  it('always ends at or above the last role the rule requires, never twice the same person in a row (property)', () => {
    const roleArb = fc.constantFrom<ApproverRole>(...approverRoles);
    fc.assert(
      fc.property(fc.array(roleArb, { minLength: 1, maxLength: 3 }), fc.subarray(['LEAD', 'MGR']), (roles, awayList) => {
        const chainRoles = [...roles].sort((a, b) => approverRoles.indexOf(a) - approverRoles.indexOf(b));
        const chain = buildChain(org, 'AGENT', chainRoles, new Set(awayList));
        expect(chain).toBeDefined();
        const steps = chain ?? [];
        const last = steps.at(-1);
        const rank = (id: string) => approverRoles.indexOf(org.get(id)?.role as ApproverRole);
        expect(rank(last?.approverId ?? '')).toBeGreaterThanOrEqual(approverRoles.indexOf(chainRoles.at(-1) as ApproverRole));
        steps.forEach((step, i) => {
          expect(awayList).not.toContain(step.approverId);
          if (i > 0) expect(step.approverId).not.toBe(steps[i - 1]?.approverId);
        });
      }),
    );
  });
});

describe('mayDecide', () => {
  it('lets the approver and anyone above them decide, and no one else', () => {
    expect(mayDecide(org, 'LEAD', 'LEAD')).toBe(true);
    expect(mayDecide(org, 'LEAD', 'MGR')).toBe(true);
    expect(mayDecide(org, 'LEAD', 'GM')).toBe(true);
    expect(mayDecide(org, 'LEAD', 'LEAD2')).toBe(false);
    expect(mayDecide(org, 'LEAD', 'QA')).toBe(false);
    expect(mayDecide(org, 'LEAD', 'AGENT')).toBe(false);
    expect(mayDecide(org, 'MGR', 'LEAD')).toBe(false);
  });

  it('does not let an inactive person decide', () => {
    const gone = orgOf(member('LEAD', 'lead', 'MGR', false), member('MGR', 'manager', null));
    expect(mayDecide(gone, 'LEAD', 'LEAD')).toBe(false);
    expect(mayDecide(gone, 'LEAD', 'MGR')).toBe(true);
  });
});

describe('stepsAfterApproval', () => {
  const step = (position: number, approverId: string, status = 'waiting', decidedBy: string | null = null) => ({
    position,
    approverId,
    status,
    decidedBy,
  });

  it('approves with a step the later steps of whoever already decided, and names the next', () => {
    const steps = [step(0, 'LEAD', 'pending'), step(1, 'MGR'), step(2, 'GM')];
    expect(stepsAfterApproval(steps, steps[0]!, 'MGR')).toEqual({ decidedAlready: [steps[1]], next: steps[2] });
    expect(stepsAfterApproval(steps, steps[0]!, 'LEAD')).toEqual({ decidedAlready: [], next: steps[1] });
    expect(stepsAfterApproval(steps, steps[0]!, 'GM')).toEqual({ decidedAlready: [], next: steps[1] });
  });

  it('skips a step of someone who approved an earlier one, even with another step between', () => {
    const steps = [step(0, 'LEAD', 'approved', 'GM'), step(1, 'MGR', 'pending'), step(2, 'GM')];
    expect(stepsAfterApproval(steps, steps[1]!, 'MGR')).toEqual({ decidedAlready: [steps[2]], next: undefined });
  });
});

describe('approversFor, and the top of the org', () => {
  const withDeputy = orgOf(...org.values(), member('DEP', 'manager', 'GM'));

  it('is the chain when there is one', () => {
    expect(approversFor(org, 'AGENT', ['lead'], none, 'refused')).toEqual({
      kind: 'chain',
      steps: [{ role: 'lead', approverId: 'LEAD', skipped: [] }],
    });
  });

  it('follows leave.top_of_org for the GM, whom nobody is above', () => {
    expect(approversFor(org, 'GM', ['lead', 'manager'], none, 'self_recorded')).toEqual({ kind: 'self_recorded' });
    expect(approversFor(org, 'GM', ['lead'], none, 'refused')).toEqual({ kind: 'nobody', topOfOrg: true });
    expect(approversFor(withDeputy, 'GM', ['lead', 'manager'], none, 'DEP')).toEqual({
      kind: 'chain',
      steps: [{ role: 'gm', approverId: 'DEP', skipped: [] }],
    });
    expect(approversFor(withDeputy, 'GM', ['lead'], new Set(['DEP']), 'DEP')).toEqual({ kind: 'nobody', topOfOrg: true });
    expect(approversFor(withDeputy, 'GM', ['lead'], none, 'NOBODY')).toEqual({ kind: 'nobody', topOfOrg: true });
  });

  it('never self-records an agent without a lead: that is a mistake in the org file', () => {
    expect(approversFor(orgOf(member('LONE', 'agent', null)), 'LONE', ['lead'], none, 'self_recorded')).toEqual({
      kind: 'nobody',
      topOfOrg: false,
    });
  });
});
