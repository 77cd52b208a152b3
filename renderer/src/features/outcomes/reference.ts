/**
 * The server's reference lists (dispositions, complaint taxonomy) as cached in the local reference
 * tables (`GET /api/reference`, refreshed by the customer card while the workspace is mounted), so
 * filters and labels show what admins configured, offline too. Until the first download the
 * contract's version-1 lists stand in.
 */
import { useMemo } from 'react';
import { DEFAULT_DISPOSITIONS, DEFAULT_TAXONOMY, type DispositionOption, type TaxonomyOption } from '@contract';
import { useReferenceRows } from '@features/sync';

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value.length > 0 ? value : fallback);
/** The admin's order (`sortOrder`); the local table is keyed by id, which is not that order. */
const bySortOrder = (rows: ReadonlyArray<Record<string, unknown>>) =>
  [...rows].sort((a, b) => (typeof a.sortOrder === 'number' ? a.sortOrder : 0) - (typeof b.sortOrder === 'number' ? b.sortOrder : 0));

/** Cached disposition rows → options; retired ones are kept so old calls still get their label. */
export function dispositionOptions(rows: ReadonlyArray<Record<string, unknown>> | undefined): readonly DispositionOption[] {
  if (!rows || rows.length === 0) return DEFAULT_DISPOSITIONS;
  return bySortOrder(rows).map((row) => {
    const code = text(row.code, String(row.id));
    return {
      code, en: text(row.en ?? row.labelEn, code), es: text(row.es ?? row.labelEs, code),
      hotkey: typeof row.hotkey === 'number' ? row.hotkey : null, required: [], resolves: row.resolves === true,
    };
  });
}

export function taxonomyOptions(rows: ReadonlyArray<Record<string, unknown>> | undefined): readonly TaxonomyOption[] {
  if (!rows || rows.length === 0) return DEFAULT_TAXONOMY;
  return bySortOrder(rows).map((row) => {
    const id = String(row.id);
    const parent = row.parent ?? row.parentId;
    return {
      id, parent: typeof parent === 'string' ? parent : null, en: text(row.en ?? row.labelEn, id), es: text(row.es ?? row.labelEs, id),
      slaHours: typeof row.slaHours === 'number' ? row.slaHours : 72,
    };
  });
}

export interface ReferenceLists {
  dispositions: readonly DispositionOption[];
  /** Every node of the current taxonomy (groups and leaf types). */
  taxonomy: readonly TaxonomyOption[];
  /** Leaf complaint types, the ones a call can be tagged with, labelled "Group › Type". */
  complaintTypes: ReadonlyArray<{ id: string; en: string; es: string }>;
  dispositionLabel: (code: string | null | undefined, language: string) => string;
  complaintTypeLabel: (id: string | null | undefined, language: string) => string;
}

const spanish = (language: string) => language.startsWith('es');

export function referenceLists(dispositions: readonly DispositionOption[], taxonomy: readonly TaxonomyOption[]): ReferenceLists {
  const byId = new Map(taxonomy.map((node) => [node.id, node]));
  const parents = new Set(taxonomy.map((node) => node.parent).filter((parent): parent is string => parent !== null));
  const complaintTypes = taxonomy
    .filter((node) => !parents.has(node.id))
    .map((node) => {
      const group = node.parent ? byId.get(node.parent) : undefined;
      return { id: node.id, en: group ? `${group.en} › ${node.en}` : node.en, es: group ? `${group.es} › ${node.es}` : node.es };
    });
  return {
    dispositions,
    taxonomy,
    complaintTypes,
    dispositionLabel: (code, language) => {
      if (!code) return '—';
      const option = dispositions.find((d) => d.code === code);
      return option ? (spanish(language) ? option.es : option.en) : code;
    },
    complaintTypeLabel: (id, language) => {
      if (!id) return '—';
      const node = byId.get(id);
      return node ? (spanish(language) ? node.es : node.en) : id;
    },
  };
}

/** The cached lists, live (a new download re-renders). */
export function useReferenceLists(): ReferenceLists {
  const dispositionRows = useReferenceRows('dispositions');
  const taxonomyRows = useReferenceRows('taxonomy');
  return useMemo(() => referenceLists(dispositionOptions(dispositionRows), taxonomyOptions(taxonomyRows)), [dispositionRows, taxonomyRows]);
}
