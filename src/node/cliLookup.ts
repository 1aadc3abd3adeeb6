// The one place that decides whether `chant --version` may be launched: never while the
// workspace is untrusted (a configured `chantSpecs.cli.path`, or a `chant` found on a PATH the
// workspace can influence, is a program the folder could choose). Once trusted, one lookup,
// cached until invalidated.

import type { CliStatus } from '../core/cliStatus';

export class GatedCliLookup {
  private cached: Promise<CliStatus> | undefined;

  constructor(
    /** Whether the workspace is trusted now (asked on every call: trust is granted at run time). */
    private readonly trusted: () => boolean,
    /** Finds and runs the CLI; only called when trusted. */
    private readonly locate: () => Promise<CliStatus>,
  ) {}

  status(): Promise<CliStatus> {
    if (!this.trusted()) return Promise.resolve({ kind: 'untrusted' });
    this.cached ??= this.locate();
    return this.cached;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
