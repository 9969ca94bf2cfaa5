/** A version as ingest orders it. */
export interface VersionKey {
  version: string;
  /** versionCreated in epoch milliseconds. */
  created: number | null;
}

const INTEGER = /^\s*\d{1,15}\s*$/;

/** The version as a number when it is a whole number, for the `version_number` column. */
export function versionNumber(version: string): number | null {
  return INTEGER.test(version) ? Number(version) : null;
}

/**
 * Which of two versions of one item is newer: numeric when both are whole
 * numbers (so "10" follows "9"), else by versionCreated when both have it,
 * else by plain string order. Negative when `a` is older.
 * @example compareVersions({ version: '9', created: null }, { version: '10', created: null }) < 0
 */
export function compareVersions(a: VersionKey, b: VersionKey): number {
  const na = versionNumber(a.version);
  const nb = versionNumber(b.version);
  if (na !== null && nb !== null && na !== nb) return na - nb;
  if (a.created !== null && b.created !== null && a.created !== b.created) return a.created - b.created;
  if (na !== null && nb !== null) return 0;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}
