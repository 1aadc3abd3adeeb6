// Ownership of disposables. A class that holds listeners, emitters or watchers extends
// `Disposable` and hands each one to `_register` as it creates it; `dispose()` releases them in
// the order they came, once. Something registered after disposal is released at once, so a late
// subscription can never outlive its owner. `DisposableStore` is the same for code that is not a
// class (a feature's register function).
import type * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposedAlready = false;

  protected get isDisposed(): boolean {
    return this.disposedAlready;
  }

  /** Takes ownership of `d` and returns it (so it can be registered where it is made). */
  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposedAlready) d.dispose();
    else this.owned.push(d);
    return d;
  }

  /** `_register` for several at once. */
  protected _registerAll(...items: vscode.Disposable[]): void {
    for (const d of items) this._register(d);
  }

  dispose(): void {
    if (this.disposedAlready) return;
    this.disposedAlready = true;
    for (const d of this.owned.splice(0)) {
      try {
        d.dispose();
      } catch {
        // one failing dispose must not keep the others alive
      }
    }
  }
}

/** A bag of disposables released together: `add` what you create, return the store. */
export class DisposableStore extends Disposable {
  add<T extends vscode.Disposable>(d: T): T {
    return this._register(d);
  }

  push(...items: vscode.Disposable[]): void {
    this._registerAll(...items);
  }
}

/** A disposable that runs `fn` (timers, batchers, anything with a plain cleanup). */
export function toDisposable(fn: () => void): vscode.Disposable {
  return { dispose: fn };
}
