/**
 * The CSV forms of the crosswalk and the themes (the API's CSV twins and
 * export datasets): one row per link, node or theme, lists joined with ` | `.
 */
import type { CsvColumn } from '../../http/list.ts';
import { sourcesCell } from '../compacts/datasets.ts';
import type { Dataset } from '../datasets.ts';
import { listAllNodes, listLinks, listThemes } from './repository.ts';
import type { CrosswalkLinkView, CrosswalkNodeView, ThemeView } from './schemas.ts';

const strip = <T extends { sort_key: number }>({ sort_key: _, ...rest }: T) => rest;

export const linkColumns: CsvColumn<CrosswalkLinkView>[] = [
  { header: 'id', value: (l) => l.id },
  { header: 'from', value: (l) => l.from },
  { header: 'fromKind', value: (l) => l.fromKind },
  { header: 'fromCode', value: (l) => l.fromCode },
  { header: 'fromLabel', value: (l) => l.fromLabel },
  { header: 'to', value: (l) => l.to },
  { header: 'toKind', value: (l) => l.toKind },
  { header: 'toCode', value: (l) => l.toCode },
  { header: 'toLabel', value: (l) => l.toLabel },
  { header: 'type', value: (l) => l.type },
  { header: 'basis', value: (l) => l.basis },
  { header: 'rationale', value: (l) => l.rationale },
  { header: 'status', value: (l) => l.status },
  { header: 'notes', value: (l) => l.notes },
  { header: 'sources', value: sourcesCell },
];

export const nodeColumns: CsvColumn<CrosswalkNodeView>[] = [
  { header: 'id', value: (n) => n.id },
  { header: 'kind', value: (n) => n.kind },
  { header: 'side', value: (n) => n.side },
  { header: 'group', value: (n) => n.group },
  { header: 'code', value: (n) => n.code },
  { header: 'title', value: (n) => n.title },
  { header: 'shortLabel', value: (n) => n.shortLabel },
  { header: 'paragraphs', value: (n) => n.paragraphs },
  { header: 'href', value: (n) => n.href },
  { header: 'linkCount', value: (n) => n.linkCount },
  { header: 'status', value: (n) => n.status },
  { header: 'notes', value: (n) => n.notes },
  { header: 'sources', value: sourcesCell },
];

const joined = (ids: string[]) => ids.join(' | ');
export const themeColumns: CsvColumn<ThemeView>[] = [
  { header: 'id', value: (t) => t.id },
  { header: 'name', value: (t) => t.name },
  { header: 'description', value: (t) => t.description },
  { header: 'gap', value: (t) => t.gap },
  ...(['gcm', 'gcr'] as const).flatMap((k): CsvColumn<ThemeView>[] => [
    { header: `${k}Level`, value: (t) => t[k].level },
    { header: `${k}Objectives`, value: (t) => joined(t[k].objectives) },
    { header: `${k}Areas`, value: (t) => joined(t[k].areas) },
    { header: `${k}Locator`, value: (t) => t[k].locator },
    { header: `${k}Rationale`, value: (t) => t[k].rationale },
  ]),
  { header: 'status', value: (t) => t.status },
  { header: 'notes', value: (t) => t.notes },
  { header: 'sources', value: sourcesCell },
];

export const crosswalkLinksDataset: Dataset<CrosswalkLinkView> = {
  name: 'crosswalk',
  description: 'Typed links between GCM objectives, GCR objectives and sections, and SDG targets',
  list: async (db) => (await listLinks(db)).map(strip),
  columns: linkColumns,
};

export const crosswalkNodesDataset: Dataset<CrosswalkNodeView> = {
  name: 'crosswalk-nodes',
  description: 'The nodes of the crosswalk: compacts, objectives, GCR sections, SDG targets',
  list: async (db) => (await listAllNodes(db)).map(strip),
  columns: nodeColumns,
};

export const themesDataset: Dataset<ThemeView> = {
  name: 'themes',
  description: 'Themes and populations, and how far each compact covers them',
  list: async (db) => (await listThemes(db)).map(strip),
  columns: themeColumns,
};
