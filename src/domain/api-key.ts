/** A content API key as `apikey list` shows it; the key itself is never kept. */
export interface ApiKeyInfo {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Keys start with this, so a leaked one is recognisable in logs and by secret scanners. */
export const API_KEY_PREFIX = 'dl_';

const NAME = /^[A-Za-z][A-Za-z0-9 ._-]{0,63}$/;
const KEY = /^dl_[A-Za-z0-9_-]{43}$/;

/**
 * What is wrong with a key's name, or null when it is fine. A name starts
 * with a letter so `apikey revoke 12` can only mean the key with id 12.
 */
export function apiKeyNameProblem(name: string): string | null {
  if (NAME.test(name)) return null;
  return `The name "${name.slice(0, 80)}" is not allowed: use 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter.`;
}

/** Whether a string could be a key we issued; anything else is refused without touching the database. */
export function looksLikeApiKey(text: string): boolean {
  return KEY.test(text);
}
