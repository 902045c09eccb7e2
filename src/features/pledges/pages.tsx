/** @jsxImportSource hono/jsx */
/** Pages of the pledge registry: the explorer, one pledge, the actors and one actor. */
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { renderActor, renderActors } from './actors.tsx';
import { renderPledge } from './detail.tsx';
import { renderExplorer } from './explorer.tsx';

export function registerPledgesPages(app: Hono<AppEnv>): void {
  app.get('/pledges', renderExplorer);
  app.get('/pledges/:id', renderPledge);
  app.get('/actors', renderActors);
  app.get('/actors/:id', renderActor);
}
