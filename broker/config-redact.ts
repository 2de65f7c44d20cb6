/** Secrets out of what the broker prints (`--print-config`, logs). */

/** Printed in place of every secret by `redactedSettings`. */
export const REDACTED = '<redacted>';

/** A URL with its password (and any api key in the query) replaced by `<redacted>`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    let changed = false;
    if (u.password) {
      u.password = 'REDACTED';
      changed = true;
    }
    for (const k of [...u.searchParams.keys()])
      if (/^(api[-_]?key|key|token|password)$/i.test(k)) {
        u.searchParams.set(k, 'REDACTED');
        changed = true;
      }
    return changed ? u.toString().replace(/REDACTED/g, REDACTED) : url;
  } catch {
    return url;
  }
}
