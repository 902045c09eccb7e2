import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type Action,
  allowedActions,
  can,
  type Ownership,
  type Principal,
  RESOURCES,
  ROLES,
  WORKFLOW_STATES,
} from './access-policy.ts';

const admin: Principal = { role: 'admin', states: [], actorId: null };
const reviewer: Principal = { role: 'reviewer', states: [], actorId: null };
const fpBra: Principal = { role: 'focal_point', states: ['BRA'], actorId: null };
const fpArg: Principal = { role: 'focal_point', states: ['ARG'], actorId: null };
const ngo: Principal = { role: 'contributor', states: [], actorId: 'ngo-1' };

const braPledge = (workflow: Ownership['workflow']): Ownership => ({
  ownerStates: ['BRA'],
  ownerActorId: 'BRA',
  workflow,
});
const ngoPledge = (workflow: Ownership['workflow']): Ownership => ({
  ownerStates: [],
  ownerActorId: 'ngo-1',
  workflow,
});

describe('pledge policy', () => {
  it('lets a focal point edit and submit their own State draft, not publish it', () => {
    expect(allowedActions(fpBra, 'pledge', braPledge('draft'))).toEqual([
      'read',
      'create',
      'update',
      'delete',
      'submit',
    ]);
  });

  it("denies a focal point every write on another State's records", () => {
    for (const workflow of WORKFLOW_STATES) {
      const actions = allowedActions(fpArg, 'pledge', braPledge(workflow));
      expect(actions.filter((a) => a !== 'read')).toEqual([]);
      expect(actions.includes('read')).toBe(workflow === 'published');
    }
  });

  it('lets reviewers publish or return only what was submitted', () => {
    expect(can(reviewer, 'publish', 'pledge', braPledge('submitted'))).toBe(true);
    expect(can(reviewer, 'return', 'pledge', braPledge('submitted'))).toBe(true);
    expect(can(reviewer, 'publish', 'pledge', braPledge('draft'))).toBe(false);
    expect(can(fpBra, 'publish', 'pledge', braPledge('submitted'))).toBe(false);
  });

  it('shows the public only published records and never lets it write', () => {
    expect(allowedActions(null, 'pledge', braPledge('published'))).toEqual(['read']);
    expect(allowedActions(null, 'pledge', braPledge('draft'))).toEqual([]);
    expect(allowedActions(null, 'pledge', braPledge('submitted'))).toEqual([]);
  });

  it("scopes a contributor to their actor's pledges", () => {
    expect(can(ngo, 'update', 'pledge', ngoPledge('draft'))).toBe(true);
    expect(can(ngo, 'update', 'pledge', braPledge('draft'))).toBe(false);
    expect(can(ngo, 'update', 'national_review', ngoPledge('draft'))).toBe(false);
  });

  it('keeps a submitted record out of its owner’s hands until a reviewer acts', () => {
    expect(can(fpBra, 'update', 'pledge', braPledge('submitted'))).toBe(false);
    expect(can(fpBra, 'delete', 'pledge', braPledge('submitted'))).toBe(false);
  });

  it('treats a record owned by several States as editable only by a focal point of all of them', () => {
    const joint: Ownership = { ownerStates: ['BRA', 'ARG'], ownerActorId: null, workflow: 'draft' };
    expect(can(fpBra, 'update', 'national_review', joint)).toBe(false);
    expect(can({ ...fpBra, states: ['BRA', 'ARG'] }, 'update', 'national_review', joint)).toBe(true);
  });
});

describe('staff-only resources', () => {
  it('keeps assessments, position events and users away from focal points', () => {
    for (const resource of ['assessment', 'position_event', 'user'] as const) {
      for (const action of ['create', 'update', 'delete'] as Action[]) {
        expect(can(fpBra, action, resource, braPledge('draft'))).toBe(false);
      }
    }
    expect(can(reviewer, 'update', 'position_event', braPledge('published'))).toBe(true);
    expect(can(reviewer, 'create', 'user', null)).toBe(false);
    expect(can(admin, 'create', 'user', null)).toBe(true);
  });

  it('lets reviewers and admins read the audit log, nobody else', () => {
    expect(can(reviewer, 'read', 'audit', null)).toBe(true);
    expect(can(fpBra, 'read', 'audit', null)).toBe(false);
    expect(can(null, 'read', 'audit', null)).toBe(false);
  });
});

describe('properties', () => {
  const principal = fc.option(
    fc.record({
      role: fc.constantFrom(...ROLES),
      states: fc.subarray(['BRA', 'ARG', 'FRA']),
      actorId: fc.option(fc.constantFrom('ngo-1', 'ngo-2', 'BRA'), { nil: null }),
    }),
    { nil: null },
  );
  const record = fc.record({
    ownerStates: fc.subarray(['BRA', 'ARG', 'FRA']),
    ownerActorId: fc.option(fc.constantFrom('ngo-1', 'ngo-2', 'BRA'), { nil: null }),
    workflow: fc.constantFrom(...WORKFLOW_STATES),
  });

  it('admin may do at least what anyone else may', () => {
    fc.assert(
      fc.property(
        principal,
        record,
        fc.constantFrom(...RESOURCES),
        fc.constantFrom(...ACTIONS),
        (p, r, res, a) => {
          if (can(p, a, res, r)) expect(can(admin, a, res, r)).toBe(true);
        },
      ),
    );
  });

  it('nobody but staff can publish, and unpublished records are invisible to the public', () => {
    fc.assert(
      fc.property(principal, record, fc.constantFrom(...RESOURCES), (p, r, res) => {
        if (p && (p.role === 'focal_point' || p.role === 'contributor'))
          expect(can(p, 'publish', res, r)).toBe(false);
        if (res !== 'reference' && r.workflow !== 'published') expect(can(null, 'read', res, r)).toBe(false);
      }),
    );
  });
});
