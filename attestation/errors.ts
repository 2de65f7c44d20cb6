/**
 * Base of every typed error in chrysalis. Each layer (parse, verify, appraise) and each package defines
 * its own subclass with a closed union of SCREAMING_SNAKE codes; a code keeps its meaning forever.
 * Tests and callers branch on `code`, never on `message`.
 */
export class ChrysalisError<C extends string = string> extends Error {
  readonly code: C;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  constructor(code: C, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details ? Object.freeze({ ...options.details }) : undefined;
  }
  toJSON(): { code: C; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** A single policy violation: what was expected and what was seen. */
export interface Violation {
  readonly code: string;
  readonly field: string;
  readonly expected?: string;
  readonly actual?: string;
}
