import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  handoverUnanswered,
  leaveEscalatesAt,
  leaveExpiresAt,
  leaveReminderAt,
  pendingHandover,
  pendingLeaveStep,
  pendingProof,
  pendingReport,
  pendingSwap,
  proofDueAt,
  swapOverdue,
} from '../../src/policy/pending.js';
import { parsePolicy, type TeamDefinition } from '../../src/policy/policy-file.js';

const policy = parsePolicy(readFileSync(path.resolve(import.meta.dirname, '../../policy.yml'), 'utf8'));
const leave = (policy.teams.phone as TeamDefinition).rules.leave; // reminder after 4h, escalation after 8h, proof 3d after return

const at = (iso: string) => new Date(iso);
const step = (over: Partial<Parameters<typeof pendingLeaveStep>[1]> = {}) => ({
  status: 'pending',
  approverId: 'U0LEAD',
  pendingSince: at('2026-12-01T02:00:00Z'),
  remindedAt: null,
  escalatedAt: null,
  ...over,
});
const shift = (start: string, end: string) => ({ start: at(start), end: at(end) });

describe('a leave step', () => {
  it('waits for its approver until it passes up (8h after it came to them), unless the leave starts first', () => {
    const pending = pendingLeaveStep({ status: 'pending', noticeMinutes: 600 }, step(), leave, [
      shift('2026-12-03T00:30:00Z', '2026-12-03T12:30:00Z'),
    ]);
    expect(pending).toEqual({ actors: ['U0LEAD'], dueAt: at('2026-12-01T10:00:00Z'), atDeadline: 'escalates' });
    const soon = pendingLeaveStep({ status: 'pending', noticeMinutes: 60 }, step(), leave, [
      shift('2026-12-01T05:00:00Z', '2026-12-01T17:00:00Z'),
    ]);
    expect(soon).toEqual({ actors: ['U0LEAD'], dueAt: at('2026-12-01T05:00:00Z'), atDeadline: 'expires' });
  });

  it('reminds once, 4h after the step came to its approver', () => {
    expect(leaveReminderAt(step(), leave)).toEqual(at('2026-12-01T06:00:00Z'));
    expect(leaveReminderAt(step({ remindedAt: at('2026-12-01T06:00:00Z') }), leave)).toBeUndefined();
    expect(leaveReminderAt(step({ status: 'approved' }), leave)).toBeUndefined();
  });

  it('passes up again 8h after the last try when nobody above could take it', () => {
    expect(leaveEscalatesAt(step({ escalatedAt: at('2026-12-01T10:00:00Z') }), leave)).toEqual(at('2026-12-01T18:00:00Z'));
    expect(leaveEscalatesAt(step({ pendingSince: at('2026-12-01T10:00:00Z'), escalatedAt: at('2026-12-01T10:00:00Z') }), leave)).toEqual(
      at('2026-12-01T18:00:00Z'),
    );
  });

  it('expires at its first shift, or at its last shift’s end when filed after the first began', () => {
    const shifts = [shift('2026-12-02T00:30:00Z', '2026-12-02T12:30:00Z'), shift('2026-12-03T00:30:00Z', '2026-12-03T12:30:00Z')];
    expect(leaveExpiresAt({ noticeMinutes: 30 }, shifts)).toEqual(at('2026-12-02T00:30:00Z'));
    expect(leaveExpiresAt({ noticeMinutes: -30 }, shifts)).toEqual(at('2026-12-03T12:30:00Z'));
    expect(leaveExpiresAt({ noticeMinutes: 30 }, [])).toBeUndefined();
  });

  it('waits for nobody once decided', () => {
    expect(pendingLeaveStep({ status: 'approved', noticeMinutes: 600 }, step(), leave, []).actors).toEqual([]);
    expect(pendingLeaveStep({ status: 'pending', noticeMinutes: 600 }, step({ status: 'waiting' }), leave, []).actors).toEqual([]);
  });
});

describe('owed proof', () => {
  const request = { status: 'approved', proof: 'owed', personId: 'U0WANG' };
  const backAt = at('2026-12-05T00:30:00Z');

  it('is the agent’s to attach, due 3 days after their first shift back', () => {
    expect(proofDueAt(backAt, leave)).toEqual(at('2026-12-08T00:30:00Z'));
    expect(pendingProof(request, { backAt, firstApproverId: 'U0LEAD', now: at('2026-12-06T00:00:00Z') }, leave)).toEqual({
      actors: ['U0WANG'],
      dueAt: at('2026-12-08T00:30:00Z'),
      atDeadline: 'reported',
    });
    expect(pendingProof(request, { backAt: undefined, firstApproverId: 'U0LEAD', now: at('2026-12-06T00:00:00Z') }, leave)).toEqual({
      actors: ['U0WANG'],
      dueAt: undefined,
      atDeadline: 'reported',
    });
  });

  it('falls to the first approver once overdue, and to nobody once attached', () => {
    expect(pendingProof(request, { backAt, firstApproverId: 'U0LEAD', now: at('2026-12-08T00:30:00Z') }, leave).actors).toEqual(['U0LEAD']);
    expect(
      pendingProof({ ...request, proof: 'attached' }, { backAt, firstApproverId: 'U0LEAD', now: at('2026-12-09T00:00:00Z') }, leave).actors,
    ).toEqual([]);
  });
});

describe('a swap', () => {
  const swap = { status: 'pending_colleague', colleagueId: 'U0LI', leadId: null, deadline: at('2026-12-02T00:30:00Z') };

  it('waits for the colleague, then the lead, until its notice deadline', () => {
    expect(pendingSwap(swap)).toEqual({ actors: ['U0LI'], dueAt: swap.deadline, atDeadline: 'expires' });
    expect(pendingSwap({ ...swap, status: 'pending_lead', leadId: 'U0LEAD' })).toEqual({
      actors: ['U0LEAD'],
      dueAt: swap.deadline,
      atDeadline: 'expires',
    });
    expect(pendingSwap({ ...swap, status: 'approved', leadId: 'U0LEAD' }).actors).toEqual([]);
  });

  it('is overdue from its deadline on', () => {
    expect(swapOverdue(swap, at('2026-12-02T00:29:59Z'))).toBe(false);
    expect(swapOverdue(swap, at('2026-12-02T00:30:00Z'))).toBe(true);
  });
});

describe('a handover', () => {
  const handover = { status: 'submitted', takeOverDueAt: at('2026-12-01T12:45:00Z'), authorId: 'U0AMY' };
  const people = { incoming: ['U0LI', 'U0ZHOU'], leads: ['U0LEAD'] };

  it('is the incoming shift’s to take over until its take-over time, then the lead’s', () => {
    expect(pendingHandover(handover, { ...people, now: at('2026-12-01T12:30:00Z') })).toEqual({
      actors: ['U0LI', 'U0ZHOU'],
      dueAt: handover.takeOverDueAt,
      atDeadline: 'reported',
    });
    expect(pendingHandover(handover, { ...people, now: at('2026-12-01T12:45:00Z') }).actors).toEqual(['U0LEAD']);
    expect(handoverUnanswered(handover, at('2026-12-01T12:44:59Z'))).toBe(false);
    expect(handoverUnanswered(handover, at('2026-12-01T12:45:00Z'))).toBe(true);
  });

  it('refused, is its author’s to amend and the lead’s to settle; taken over, nobody’s', () => {
    expect(pendingHandover({ ...handover, status: 'refused' }, { ...people, now: at('2026-12-01T12:30:00Z') }).actors).toEqual([
      'U0AMY',
      'U0LEAD',
    ]);
    expect(pendingHandover({ ...handover, status: 'taken_over' }, { ...people, now: at('2026-12-01T12:30:00Z') }).actors).toEqual([]);
  });
});

describe('the weekly summary', () => {
  const dueAt = at('2026-12-05T09:00:00Z');

  it('is the agent’s to send by the deadline while owed and not sent', () => {
    expect(pendingReport({ personId: 'U0WANG', owes: true, sent: false, dueAt, now: at('2026-12-04T00:00:00Z') })).toEqual({
      actors: ['U0WANG'],
      dueAt,
      atDeadline: 'counted',
    });
    expect(pendingReport({ personId: 'U0WANG', owes: true, sent: true, dueAt, now: at('2026-12-04T00:00:00Z') }).actors).toEqual([]);
    expect(pendingReport({ personId: 'U0WANG', owes: false, sent: false, dueAt, now: at('2026-12-04T00:00:00Z') }).actors).toEqual([]);
    expect(pendingReport({ personId: 'U0WANG', owes: true, sent: false, dueAt, now: dueAt }).actors).toEqual([]);
  });
});
