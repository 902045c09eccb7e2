import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Columns are portable between SQLite and PostgreSQL:
 * text, integer and real only; dates are ISO 8601 text; booleans are 0/1 integers;
 * structured values that are only ever read whole are JSON text.
 */

type Curated = {
  /** Order of the record in its reference file; keyset pagination runs on it. */
  sort_key: number;
  status: string;
  notes: string | null;
};

export type SourcesTable = {
  id: string;
  sort_key: number;
  title: string;
  symbol: string | null;
  url: string | null;
  publisher: string | null;
  date: string | null;
};

export type CompactsTable = Curated & {
  id: string;
  name: string;
  short_name: string;
  acronym: string;
  legally_binding: number;
  legal_nature: string;
  summary: string;
  adoption_json: string;
  endorsement_json: string;
  structure_json: string;
};

export type FollowUpMechanismsTable = Curated & {
  id: string;
  compact_id: string;
  name: string;
  description: string;
  frequency: string | null;
  paragraph: string | null;
};

export type ObjectivesTable = Curated & {
  id: string;
  compact_id: string;
  number: number;
  title: string;
  short_label: string;
  paragraph: number | null;
  action_count: number | null;
  action_count_note: string | null;
};

export type PrinciplesTable = Curated & {
  id: string;
  compact_id: string;
  position: number;
  code: string | null;
  title: string;
  description: string | null;
};

export type ClassificationSchemesTable = Curated & {
  id: string;
  name: string;
  compact_id: string;
  description: string;
};

export type ClassificationCategoriesTable = {
  id: string;
  scheme_id: string;
  sort_key: number;
  position: number;
  name: string;
  description: string | null;
};

export type ClassificationMembersTable = {
  category_id: string;
  objective_id: string;
  position: number;
  label: string | null;
};

export type MilestonesTable = Curated & {
  id: string;
  date: string;
  date_precision: string;
  end_date: string | null;
  title: string;
  description: string;
  kind: string;
  /** Comma-separated compact ids, e.g. "gcm,gcr". */
  compacts: string;
  symbol: string | null;
};

export type InstitutionsTable = Curated & {
  id: string;
  name: string;
  short_name: string | null;
  kind: string;
  compacts: string;
  description: string;
  established: string | null;
};

export type InstitutionRelationsTable = {
  id: string;
  sort_key: number;
  from_id: string;
  to_id: string;
  type: string;
  note: string | null;
};

export type RecordSourcesTable = {
  record_type: string;
  record_id: string;
  position: number;
  source_id: string;
  locator: string | null;
};

export type ReferenceFilesTable = {
  name: string;
  sha256: string;
  loaded_at: string;
};

export type CrosswalkNodesTable = Curated & {
  id: string;
  kind: string;
  node_group: string;
  code: string;
  title: string;
  short_label: string;
  paragraphs: string | null;
};

export type CrosswalkLinksTable = Curated & {
  id: string;
  from_id: string;
  to_id: string;
  type: string;
  basis: string;
  rationale: string | null;
};

export type ThemesTable = Curated & {
  id: string;
  name: string;
  description: string;
  gcm_level: string;
  /** Comma-separated objective ids ('' for none); the same for the other list columns. */
  gcm_objectives: string;
  gcm_areas: string;
  gcm_locator: string | null;
  gcm_rationale: string;
  gcr_level: string;
  gcr_objectives: string;
  gcr_areas: string;
  gcr_locator: string | null;
  gcr_rationale: string;
};

export type StatesTable = {
  iso3: string;
  sort_key: number;
  iso2: string;
  numeric: string;
  name: string;
  name_fr: string;
  name_es: string;
  membership: string;
  region_code: string;
  region_name: string;
  subregion_code: string;
  subregion_name: string;
  intermediate_code: string | null;
  intermediate_name: string | null;
};

export type ResolutionsTable = Curated & {
  id: string;
  symbol: string;
  compact_id: string;
  date: string;
  title: string;
  subject: string;
  implies_stance: number;
  official_yes: number;
  official_no: number;
  official_abstain: number;
  official_not_voting: number | null;
  recorded: string;
};

export type VotesTable = { resolution_id: string; iso3: string; vote: string };

export type SourceConflictsTable = {
  id: string;
  sort_key: number;
  resolution_id: string;
  description: string;
  readings_json: string;
};

export type ConflictStatesTable = { conflict_id: string; iso3: string };

export type PositionEventsTable = {
  event_id: string;
  version: number;
  sort_key: number;
  state_iso3: string;
  compact_id: string;
  date: string;
  date_precision: string;
  end_date: string | null;
  kind: string;
  stance: string | null;
  title: string;
  note: string | null;
  status: string;
  sources_json: string;
  recorded_at: string;
  superseded_at: string | null;
  /** `reference` (loaded from the reference file) or `editor` (published in the editor). */
  origin: string;
};

export type DataVersionTable = {
  id: number;
  version: number;
  changed_at: string;
};

export type ActorsTable = {
  id: string;
  sort_key: number;
  name: string;
  type: string;
  iso3: string | null;
  website: string | null;
  /** 'reference' (a State, derived from the reference list) or 'registry'. */
  origin: string;
  synthetic: number;
};

export type PledgesTable = {
  id: string;
  sort_key: number;
  actor_id: string;
  title: string;
  description: string;
  type: string;
  forum: string;
  announced_on: string | null;
  target_date: string | null;
  amount: number | null;
  currency: string | null;
  quantity: number | null;
  quantity_unit: string | null;
  synthetic: number;
  /** Derived by the writer from the updates and assessments. */
  latest_status: string | null;
  last_reported_on: string | null;
  assessment_status: string | null;
};

export type PledgeCompactsTable = { pledge_id: string; compact_id: string };
export type PledgeObjectivesTable = { pledge_id: string; objective_id: string };
export type PledgePrinciplesTable = { pledge_id: string; principle_id: string };
export type PledgePlacesTable = { pledge_id: string; place_code: string };
export type PledgePartnersTable = { pledge_id: string; actor_id: string };
export type PledgeSourcesTable = { pledge_id: string; position: number; url: string };
export type PledgeMatchesTable = { pledge_id: string; matched_id: string; relation: string };

export type PledgeUpdatesTable = {
  id: string;
  sort_key: number;
  pledge_id: string;
  reported_on: string;
  status: string;
  narrative: string;
  evidence_json: string;
  synthetic: number;
};

export type PledgeAssessmentsTable = {
  id: string;
  sort_key: number;
  pledge_id: string;
  assessed_on: string;
  assessor: string;
  status: string;
  narrative: string;
  evidence_json: string;
  synthetic: number;
};

export type ReviewCyclesTable = Curated & {
  id: string;
  name: string;
  kind: string;
  compact_id: string;
  start_date: string;
  end_date: string | null;
  date_precision: string;
  milestone_id: string | null;
  description: string;
};

export type NationalReviewsTable = {
  id: string;
  sort_key: number;
  iso3: string;
  cycle_id: string;
  submitted_on: string;
  title: string;
  document_url: string;
  synthetic: number;
};

export type NationalReviewObjectivesTable = { review_id: string; objective_id: string };

export type UsersTable = {
  id: Generated<number>;
  email: string;
  password_hash: string;
  role: string;
  actor_id: string | null;
  disabled: number;
  created_at: string;
  password_changed_at: string;
};

export type UserStatesTable = { user_id: number; iso3: string };

export type SessionsTable = {
  /** SHA-256 of the session id the browser holds; the id itself is never stored. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  /** Milliseconds since the epoch (PostgreSQL's bigint arrives as text: read with `Number`). */
  created_at: number | string;
  last_seen_at: number | string;
};

export type ApiTokensTable = {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export type LoginThrottleTable = { key: string; failures: number; last_failure_at: number | string };

export type AuditLogTable = {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  user_email: string | null;
  action: string;
  resource: string;
  record_id: string;
  before_json: string | null;
  after_json: string | null;
};

export type SecurityEventsTable = {
  id: Generated<number>;
  at: string;
  kind: string;
  user_id: number | null;
  detail: string;
};

/** An uploaded import file between its dry run and its commit (see migration 0007). */
export type PendingImportsTable = {
  id: string;
  user_id: number;
  file_name: string;
  media_type: string;
  /** The file as uploaded: a BLOB on SQLite, bytea on PostgreSQL (both read as a Buffer). */
  bytes: Uint8Array;
  sha256: string;
  created_at: string;
};

export type RecordDraftsTable = {
  resource: string;
  record_id: string;
  workflow: string;
  revision: string;
  base_hash: string | null;
  data_json: string;
  /** JSON array of ISO3 codes. */
  owner_states: string;
  owner_actor_id: string | null;
  comment: string | null;
  created_by: number | null;
  created_by_email: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
};

export type RecordVersionsTable = {
  resource: string;
  record_id: string;
  version: number;
  data_json: string;
  published_at: string;
  published_by_email: string | null;
  note: string | null;
};

export type IdempotencyKeysTable = {
  user_id: number;
  key: string;
  request_hash: string;
  resource: string;
  record_id: string;
  created_at: string;
};

export type Database = {
  data_version: DataVersionTable;
  states: StatesTable;
  resolutions: ResolutionsTable;
  votes: VotesTable;
  source_conflicts: SourceConflictsTable;
  conflict_states: ConflictStatesTable;
  position_events: PositionEventsTable;
  sources: SourcesTable;
  compacts: CompactsTable;
  follow_up_mechanisms: FollowUpMechanismsTable;
  objectives: ObjectivesTable;
  principles: PrinciplesTable;
  classification_schemes: ClassificationSchemesTable;
  classification_categories: ClassificationCategoriesTable;
  classification_members: ClassificationMembersTable;
  milestones: MilestonesTable;
  institutions: InstitutionsTable;
  institution_relations: InstitutionRelationsTable;
  record_sources: RecordSourcesTable;
  reference_files: ReferenceFilesTable;
  crosswalk_nodes: CrosswalkNodesTable;
  crosswalk_links: CrosswalkLinksTable;
  themes: ThemesTable;
  actors: ActorsTable;
  pledges: PledgesTable;
  pledge_compacts: PledgeCompactsTable;
  pledge_objectives: PledgeObjectivesTable;
  pledge_principles: PledgePrinciplesTable;
  pledge_places: PledgePlacesTable;
  pledge_partners: PledgePartnersTable;
  pledge_sources: PledgeSourcesTable;
  pledge_matches: PledgeMatchesTable;
  pledge_updates: PledgeUpdatesTable;
  pledge_assessments: PledgeAssessmentsTable;
  review_cycles: ReviewCyclesTable;
  national_reviews: NationalReviewsTable;
  national_review_objectives: NationalReviewObjectivesTable;
  users: UsersTable;
  user_states: UserStatesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  security_events: SecurityEventsTable;
  pending_imports: PendingImportsTable;
  record_drafts: RecordDraftsTable;
  record_versions: RecordVersionsTable;
  idempotency_keys: IdempotencyKeysTable;
};
