/**
 * Who may call the gateway. On a loopback address only this machine can reach it, so no key is needed; on any other
 * address a caller must present the API key as `Authorization: Bearer <key>` (what the `openai` client sends for
 * `apiKey`). Keys are compared in constant time over their SHA-256 digests, so neither content nor length leaks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { errorJson } from './openai-shape';

/** Stable code in the OpenAI-shaped 401 body. */
export const GATEWAY_API_KEY_INVALID = 'GATEWAY_API_KEY_INVALID';

/** True for `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped loopback (`::ffff:127.x.y.z`). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  if (isIP(h) === 6) return /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(h);
  return false;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** express middleware: 401 unless `Authorization: Bearer <apiKey>`. `/healthz` stays open (it says only "ok"). */
export function bearerAuth(apiKey: string): (req: Request, res: Response, next: NextFunction) => void {
  if (apiKey.length === 0) throw new RangeError('apiKey must not be empty');
  const want = digest(apiKey);
  return (req, res, next) => {
    if (req.path === '/healthz') return next();
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(String(req.headers.authorization ?? ''));
    if (m && timingSafeEqual(digest(m[1]!), want)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer');
    res
      .status(401)
      .json(
        errorJson(
          'missing or wrong API key: send Authorization: Bearer <key>',
          'invalid_request_error',
          GATEWAY_API_KEY_INVALID,
        ),
      );
  };
}

/**
 * The rule `startGateway` and `chrysalis gateway` enforce. Returns an error message, or undefined when the
 * combination is allowed.
 */
export function apiKeyProblem(host: string, apiKey: string | undefined): string | undefined {
  if (apiKey !== undefined && apiKey.length === 0) return 'the API key must not be empty';
  if (apiKey === undefined && !isLoopbackHost(host))
    return `refusing to listen on ${host} without an API key: anyone who can reach it could spend the channel. Pass --api-key (or CHRYSALIS_GATEWAY_API_KEY), or listen on 127.0.0.1`;
  return undefined;
}
