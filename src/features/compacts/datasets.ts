import type { Dataset } from '../datasets.ts';
import type { CitationView } from '../reference/citations.ts';
import { listCompacts, listObjectives, listPrinciples } from './repository.ts';
import type { CompactView, ObjectiveView, PrincipleView } from './schemas.ts';

/** Sources as one CSV cell: symbols where they exist, else URLs. */
export const sourcesCell = (r: { sources: CitationView[] }) =>
  r.sources.map((s) => s.symbol ?? s.url ?? s.title).join(' | ');

export const compactsDataset: Dataset<CompactView> = {
  name: 'compacts',
  description: 'The two compacts',
  list: listCompacts,
  columns: [
    { header: 'id', value: (c) => c.id },
    { header: 'name', value: (c) => c.name },
    { header: 'acronym', value: (c) => c.acronym },
    { header: 'adoptedOn', value: (c) => c.adoption.date },
    { header: 'adoptedBy', value: (c) => c.adoption.body },
    { header: 'resolution', value: (c) => c.endorsement.resolution },
    { header: 'resolutionDate', value: (c) => c.endorsement.date },
    { header: 'legallyBinding', value: (c) => c.legallyBinding },
    { header: 'objectiveCount', value: (c) => c.objectiveCount },
    { header: 'status', value: (c) => c.status },
    { header: 'sources', value: sourcesCell },
  ],
};

export const objectivesDataset: Dataset<ObjectiveView> = {
  name: 'objectives',
  description: 'The 23 GCM and 4 GCR objectives',
  list: (db) => listObjectives(db),
  columns: [
    { header: 'id', value: (o) => o.id },
    { header: 'compact', value: (o) => o.compact },
    { header: 'number', value: (o) => o.number },
    { header: 'title', value: (o) => o.title },
    { header: 'shortLabel', value: (o) => o.shortLabel },
    { header: 'paragraph', value: (o) => o.paragraph },
    { header: 'actionCount', value: (o) => o.actionCount },
    { header: 'categories', value: (o) => o.categories.map((c) => c.id).join(' ') },
    { header: 'status', value: (o) => o.status },
    { header: 'sources', value: sourcesCell },
  ],
};

export const principlesDataset: Dataset<PrincipleView> = {
  name: 'principles',
  description: 'Guiding principles of both compacts',
  list: (db) => listPrinciples(db),
  columns: [
    { header: 'id', value: (p) => p.id },
    { header: 'compact', value: (p) => p.compact },
    { header: 'position', value: (p) => p.position },
    { header: 'code', value: (p) => p.code },
    { header: 'title', value: (p) => p.title },
    { header: 'description', value: (p) => p.description },
    { header: 'status', value: (p) => p.status },
    { header: 'sources', value: sourcesCell },
  ],
};
