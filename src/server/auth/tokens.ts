/** Random tokens and their stored form: only a token's SHA-256 is ever written down. */
import { createHash, randomBytes } from 'node:crypto';

export const newToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
