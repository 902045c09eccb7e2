/** @jsxImportSource hono/jsx */
/** Pages about States. `/states`: the map and table of positions on a compact as of a date. */
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { statesMapPage } from './map-page.tsx';

/** Registers the States pages: `GET /states`. */
export function registerStatesPages(app: Hono<AppEnv>): void {
  app.get('/states', statesMapPage);
}
