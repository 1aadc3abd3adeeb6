// One translation bundle for the whole extension. VS Code loads l10n/bundle.l10n.<lang>.json for
// `vscode.l10n.t`; the pure core (src/core has no vscode import) and the HTML builders translate
// through @vscode/l10n, which this points at the same bundle. In English there is no bundle and
// both return the source text.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/** Call first in activate(): core messages are translated when produced, never at module load. */
export function configureL10n(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
}
