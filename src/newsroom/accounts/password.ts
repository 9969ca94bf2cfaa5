import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's
 * first recommended setting). The `Algorithm` enum is a const enum that
 * verbatimModuleSyntax cannot import; argon2id is the default, so none is named.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A hash of nothing anyone can type, verified when the email is unknown so both paths take as long. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$5XuJ13neQeZJEq2ODiwSzQ$/BMaVKoLSRVVgRUpkt9xuvIXmCVDlGRR+nwztDxeh3s';

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(storedHash ?? DUMMY_HASH, password);
    return storedHash !== null && ok;
  } catch {
    return false;
  }
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** What is wrong with a password someone chose, or null. Length is the rule that matters (NIST 800-63B). */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password has ${password.length} characters; it needs at least ${MIN_PASSWORD_LENGTH}.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password is longer than ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}

/** Letters and digits without look-alikes (0/O, 1/l/I), so a one-time password can be read out. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of 20 characters (about 115 bits), in groups of five for reading aloud. */
export function generatePassword(): string {
  const bytes = randomBytes(40);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte >= ALPHABET.length * Math.floor(256 / ALPHABET.length)) continue;
    out += ALPHABET[byte % ALPHABET.length];
    if (out.length === 20) break;
  }
  if (out.length < 20) return generatePassword();
  return out.match(/.{5}/g)?.join('-') ?? out;
}
