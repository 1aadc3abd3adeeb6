// The webview's side of the test channel (./testProtocol.ts), installed only in test builds: real
// click events on rendered nodes and toolbar toggles, through the same listeners a user's click
// reaches, and the toolbar's state as drawn.
import type { TestHostMessage, TestWebviewMessage } from './testProtocol';
import { statusToggles } from './toolbar';
import { postTest } from './vscodeApi';

function targetOf(msg: Extract<TestHostMessage, { type: 'test:click' }>): Element | null {
  const t = msg.target;
  if ('node' in t) return document.querySelector(`#canvas g.node[data-chant-node="${CSS.escape(t.node)}"]`);
  if ('statusToggle' in t) return document.querySelector(`#statuses button.status-toggle[data-status="${CSS.escape(t.statusToggle)}"]`);
  return document.querySelector('#statuses button.status-toggle:not([data-status])');
}

export function installTestHooks(): void {
  const reply = (m: TestWebviewMessage) => postTest(m);
  window.addEventListener('message', (event: MessageEvent<TestHostMessage>) => {
    const msg = event.data;
    switch (msg?.type) {
      case 'test:click': {
        const el = targetOf(msg);
        el?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
        reply({ type: 'test:clicked', seq: msg.seq, found: !!el });
        break;
      }
      case 'test:toolbar':
        reply({ type: 'test:toolbar', seq: msg.seq, statusToggles: statusToggles() });
        break;
    }
  });
}
