import { sourcesCell } from '../compacts/datasets.ts';
import type { Dataset } from '../datasets.ts';
import { listInstitutions, listRelations } from './repository.ts';
import type { InstitutionView, RelationView } from './schemas.ts';

/** One row per institution; its relations as `type:other` ids (outgoing) and `other:type` (incoming). */
export const institutionsDataset: Dataset<InstitutionView> = {
  name: 'institutions',
  description: 'Bodies, UN entities, networks, funds, platforms, forums and reports of both compacts',
  // Without the internal sort key, so the JSON export has the API's shape.
  list: async (db) => (await listInstitutions(db)).map(({ sort_key: _, ...i }) => i),
  columns: [
    { header: 'id', value: (i) => i.id },
    { header: 'name', value: (i) => i.name },
    { header: 'shortName', value: (i) => i.shortName },
    { header: 'kind', value: (i) => i.kind },
    { header: 'compacts', value: (i) => i.compacts.join(' ') },
    { header: 'established', value: (i) => i.established },
    { header: 'description', value: (i) => i.description },
    {
      header: 'outgoingRelations',
      value: (i) =>
        i.relations
          .filter((r) => r.direction === 'outgoing')
          .map((r) => `${r.type}:${r.other.id}`)
          .join(' '),
    },
    {
      header: 'incomingRelations',
      value: (i) =>
        i.relations
          .filter((r) => r.direction === 'incoming')
          .map((r) => `${r.other.id}:${r.type}`)
          .join(' '),
    },
    { header: 'status', value: (i) => i.status },
    { header: 'notes', value: (i) => i.notes },
    { header: 'sources', value: sourcesCell },
  ],
};

export const relationsDataset: Dataset<RelationView> = {
  name: 'relations',
  description: 'Relations between institutions, read "from type to"',
  list: async (db) => (await listRelations(db)).map(({ sort_key: _, ...r }) => r),
  columns: [
    { header: 'id', value: (r) => r.id },
    { header: 'from', value: (r) => r.from },
    { header: 'to', value: (r) => r.to },
    { header: 'type', value: (r) => r.type },
    { header: 'note', value: (r) => r.note },
    { header: 'sources', value: sourcesCell },
  ],
};
