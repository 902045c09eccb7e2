/**
 * The one list of what the application serves: each feature registers its
 * API routes and its pages here.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { registerAccountsApi } from '../features/accounts/api.ts';
import { registerAccountPages } from '../features/accounts/pages.tsx';
import { registerAdminApi } from '../features/admin/api.ts';
import { registerAdminPages } from '../features/admin/pages.ts';
import { registerAnalysisApi } from '../features/analysis/api.ts';
import { registerAnalysisPages } from '../features/analysis/pages.tsx';
import { registerBriefsApi } from '../features/briefs/api.ts';
import { registerBriefsPages } from '../features/briefs/pages.tsx';
import { registerClassificationsApi } from '../features/classifications/api.ts';
import { registerClassificationsPages } from '../features/classifications/pages.tsx';
import { registerCompactsApi } from '../features/compacts/api.ts';
import { registerCompactsPages } from '../features/compacts/pages.tsx';
import { registerCrosswalkApi } from '../features/crosswalk/api.ts';
import { registerCrosswalkPages } from '../features/crosswalk/pages.tsx';
import { registerEditingApi } from '../features/editing/api.ts';
import { registerEditingPages } from '../features/editing/pages.tsx';
import { registerInstitutionsApi } from '../features/institutions/api.ts';
import { registerInstitutionsPages } from '../features/institutions/pages.tsx';
import { registerMilestonesApi } from '../features/milestones/api.ts';
import { registerMilestonesPages } from '../features/milestones/pages.tsx';
import { registerPledgesApi } from '../features/pledges/api.ts';
import { registerPledgesPages } from '../features/pledges/pages.tsx';
import { registerPositionsApi } from '../features/positions/api.ts';
import { registerPositionsFeed } from '../features/positions/feed.ts';
import { registerPositionsPages } from '../features/positions/pages.tsx';
import { registerReviewsApi } from '../features/reviews/api.ts';
import { registerReviewsPages } from '../features/reviews/pages.tsx';
import { registerSitePages } from '../features/site/pages.tsx';
import { registerStatesApi } from '../features/states/api.ts';
import { registerStatesPages } from '../features/states/pages.tsx';
import { registerStateProfilePage } from '../features/states/profile.tsx';
import type { AppEnv } from './env.ts';

export function registerApi(api: OpenAPIHono<AppEnv>): void {
  registerCompactsApi(api);
  registerClassificationsApi(api);
  registerMilestonesApi(api);
  registerInstitutionsApi(api);
  registerStatesApi(api);
  registerBriefsApi(api);
  registerPositionsApi(api);
  registerPledgesApi(api);
  registerReviewsApi(api);
  registerAnalysisApi(api);
  registerCrosswalkApi(api);
  registerAccountsApi(api);
  registerAdminApi(api);
  registerEditingApi(api);
}

export function registerPages(app: Hono<AppEnv>): void {
  registerSitePages(app);
  registerCompactsPages(app);
  registerClassificationsPages(app);
  registerMilestonesPages(app);
  registerInstitutionsPages(app);
  registerStatesPages(app);
  registerStateProfilePage(app);
  registerBriefsPages(app);
  registerPositionsPages(app);
  registerPositionsFeed(app);
  registerPledgesPages(app);
  registerReviewsPages(app);
  registerAnalysisPages(app);
  registerCrosswalkPages(app);
  registerAccountPages(app);
  registerEditingPages(app);
  registerAdminPages(app);
}
