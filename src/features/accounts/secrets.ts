/** Small helpers shared by the account modules. */
import crypto from 'node:crypto';

export const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
/** 256 random bits, URL-safe: session ids, CSRF tokens, API tokens. */
export const randomSecret = () => crypto.randomBytes(32).toString('base64url');
export const nowIso = () => new Date().toISOString();
