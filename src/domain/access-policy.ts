/**
 * Who may do what: one declarative policy per resource, read in one place
 * (`allowedActions`). Pure: callers pass the user and the record's ownership
 * facts; nothing here touches the database.
 *
 * Roles:
 * - `admin`: everything.
 * - `reviewer`: moderates (publishes or returns submissions) and corrects
 *   published records, edits position events and reference data.
 * - `focal_point`: scoped to one or more States; edits that State's pledges,
 *   their updates and the State's national reviews, and submits them.
 * - `contributor`: scoped to one actor; edits that actor's pledges and updates.
 * - anonymous callers read published records only.
 *
 * Records move draft → submitted → published (or back to draft, "returned",
 * with a comment). Owners edit drafts and returned records; once submitted a
 * record waits for a reviewer; a published record is corrected by a new
 * version (reviewers, or the owner through a new submission).
 *
 * @example
 * allowedActions({ role: 'focal_point', states: ['BRA'], actorId: null }, 'pledge',
 *   { ownerStates: ['BRA'], ownerActorId: 'BRA', workflow: 'draft' });
 * // ['read', 'update', 'submit', 'delete']
 */

export const ROLES = ['admin', 'reviewer', 'focal_point', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

export const WORKFLOW_STATES = ['draft', 'submitted', 'published'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export type Principal = {
  role: Role;
  /** ISO3 codes a focal point answers for. */
  states: readonly string[];
  /** The actor a contributor answers for. */
  actorId: string | null;
};

/** Facts about a record that decide access. `null` facts mean "not tied to one". */
export type Ownership = {
  /** States that own the record (a State's pledge: its ISO3; a national review: its State). */
  ownerStates: readonly string[];
  /** The pledging actor, for pledges and what hangs off them. */
  ownerActorId: string | null;
  workflow: WorkflowState;
};

export const RESOURCES = [
  'pledge',
  'update',
  'assessment',
  'national_review',
  'position_event',
  'reference',
  'user',
  'audit',
  'import',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ['read', 'create', 'update', 'delete', 'submit', 'publish', 'return'] as const;
export type Action = (typeof ACTIONS)[number];

type Rule = (p: Principal | null, r: Ownership | null) => boolean;

const isRole =
  (...roles: Role[]): Rule =>
  (p) =>
    p !== null && roles.includes(p.role);
const anyOf =
  (...rules: Rule[]): Rule =>
  (p, r) =>
    rules.some((rule) => rule(p, r));
const allOf =
  (...rules: Rule[]): Rule =>
  (p, r) =>
    rules.every((rule) => rule(p, r));

/** The record belongs to the principal's State (focal point) or actor (contributor). */
const owns: Rule = (p, r) => {
  if (!p || !r) return false;
  if (p.role === 'focal_point')
    return r.ownerStates.length > 0 && r.ownerStates.every((s) => p.states.includes(s));
  if (p.role === 'contributor') return p.actorId !== null && r.ownerActorId === p.actorId;
  return false;
};
const inWorkflow =
  (...states: WorkflowState[]): Rule =>
  (_p, r) =>
    r !== null && states.includes(r.workflow);
const isPublished = inWorkflow('published');
const staff = isRole('admin', 'reviewer');

/** Records owned by States or actors: pledges and their updates. */
const ownedRecordPolicy = (owners: Rule): Record<Action, Rule> => ({
  read: anyOf(isPublished, staff, owners),
  create: anyOf(staff, owners),
  update: anyOf(staff, allOf(owners, inWorkflow('draft', 'published'))),
  delete: anyOf(isRole('admin'), allOf(owners, inWorkflow('draft'))),
  submit: allOf(anyOf(staff, owners), inWorkflow('draft')),
  publish: allOf(staff, inWorkflow('submitted')),
  return: allOf(staff, inWorkflow('submitted')),
});

const ownedByStateOnly: Rule = (p, r) => p?.role === 'focal_point' && owns(p, r);
const staffOnly: Record<Action, Rule> = {
  read: anyOf(isPublished, staff),
  create: staff,
  update: staff,
  delete: isRole('admin'),
  submit: allOf(staff, inWorkflow('draft')),
  publish: allOf(staff, inWorkflow('submitted', 'draft')),
  return: allOf(staff, inWorkflow('submitted')),
};
const adminOnly: Record<Action, Rule> = {
  read: isRole('admin'),
  create: isRole('admin'),
  update: isRole('admin'),
  delete: isRole('admin'),
  submit: () => false,
  publish: () => false,
  return: () => false,
};

export const POLICY: Record<Resource, Record<Action, Rule>> = {
  pledge: ownedRecordPolicy(owns),
  update: ownedRecordPolicy(owns),
  // Independent assessments are by definition not the pledger's own.
  assessment: staffOnly,
  national_review: ownedRecordPolicy(ownedByStateOnly),
  position_event: staffOnly,
  reference: { ...staffOnly, read: () => true },
  user: adminOnly,
  audit: { ...adminOnly, read: staff },
  // An import publishes many records at once, past moderation: staff only.
  // Focal points and contributors report through the forms and the API.
  import: { ...adminOnly, read: staff, create: staff },
};

/** Whether `principal` (null: an anonymous caller) may do `action` on the resource. */
export function can(
  principal: Principal | null,
  action: Action,
  resource: Resource,
  record: Ownership | null,
): boolean {
  return POLICY[resource][action](principal, record);
}

/** Every action the caller may take on a record: what API responses list as `allowedActions`. */
export function allowedActions(
  principal: Principal | null,
  resource: Resource,
  record: Ownership | null,
): Action[] {
  return ACTIONS.filter((a) => can(principal, a, resource, record));
}
