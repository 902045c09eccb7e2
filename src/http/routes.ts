/**
 * The one list of what the application serves: each feature registers its
 * API routes and its pages here.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { registerCompactsApi } from '../features/compacts/api.ts';
import { registerCompactsPages } from '../features/compacts/pages.tsx';
import type { AppEnv } from './env.ts';

export function registerApi(api: OpenAPIHono<AppEnv>): void {
  registerCompactsApi(api);
}

export function registerPages(app: Hono<AppEnv>): void {
  registerCompactsPages(app);
}
