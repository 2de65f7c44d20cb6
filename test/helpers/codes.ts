/**
 * What a call threw, as the string a test compares: the error's stable `code`, or a marker when it threw nothing or
 * threw something without a code.
 */

/** The thrown error's `code`; `uncoded <Class>` for an error without one; `accepted` when `f` returns. */
export function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded ${(e as Error).constructor.name}`;
  }
  return 'accepted';
}

/** `codeOf` for a promise (or a function returning one): the rejection's `code`, `uncoded <Class>`, or `accepted`. */
export async function codeOfAsync(p: Promise<unknown> | (() => Promise<unknown>)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'accepted';
  } catch (e) {
    return (e as { code?: string }).code ?? `uncoded ${(e as Error).constructor.name}`;
  }
}

/** The thrown error's `code`; `untyped:<error>` for an error without one; `undefined` when `fn` returns. */
export function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? `untyped:${String(e)}`;
  }
  return undefined;
}
