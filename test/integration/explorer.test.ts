// The Spec Explorer in a real extension host, on test/fixtures/ws-explorer (opened as a copy,
// so the tests may change files on disk and watch the tree follow).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChantApi, ExplorerSnapshotItem } from '../../src/vscode/api';
import { chantApi, ui, waitFor, workspaceRoot } from './helpers';

const SPECS = () => path.join(workspaceRoot(), '.chant', 'specs');

function find(items: ExplorerSnapshotItem[], pred: (i: ExplorerSnapshotItem) => boolean): ExplorerSnapshotItem | undefined {
  for (const i of items) {
    if (pred(i)) return i;
    const inner = i.children && find(i.children, pred);
    if (inner) return inner;
  }
  return undefined;
}

function groupLabels(items: ExplorerSnapshotItem[]): string[] {
  return items.map((i) => i.label);
}

function spec(status: string, title: string, extra = ''): string {
  return `---\ntype: code\nstatus: ${status}\n${extra}---\n# ${title}\n`;
}

describe('Spec Explorer', () => {
  let api: ChantApi;
  before(async () => {
    api = await chantApi();
    await vscode.commands.executeCommand('chantSpecs.groupByStatus');
  });

  it('indexes every spec with chant\'s derived status', () => {
    const byId = new Map(api.specs().map((s) => [s.id, s]));
    assert.equal(byId.get('2026-01-10-002-bbb')?.status, 'pending');
    assert.equal(byId.get('2026-01-10-002-bbb')?.ready, true);
    assert.equal(byId.get('2026-01-10-003-ccc')?.status, 'blocked');
    assert.deepEqual(byId.get('2026-01-10-003-ccc')?.blockedBy, ['depends on 2026-01-10-002-bbb (pending)']);
    assert.equal(byId.get('2026-01-10-00e-nnn')?.status, 'blocked', 'a dependency on an archived spec blocks forever');
    assert.equal(byId.get('2026-01-10-005-eee')?.status, 'invalid');
    assert.equal(byId.get('2026-01-05-001-old')?.archived, true);
    assert.deepEqual(byId.get('2026-01-10-002-bbb')?.criteria, { checked: 1, total: 3 });
    assert.deepEqual(byId.get('2026-01-10-004-ddd')?.members, ['2026-01-10-004-ddd.1', '2026-01-10-004-ddd.2', '2026-01-10-004-ddd.2.1', '2026-01-10-004-ddd.3']);
  });

  it('groups by status with completed, cancelled and archived collapsed', async () => {
    const tree = await api.explorerSnapshot!();
    const labels = groupLabels(tree);
    for (const g of ['Ready', 'In progress', 'Blocked', 'Pending', 'Not loadable by chant', 'Completed', 'Archived']) {
      assert.ok(labels.includes(g), `missing group ${g} in ${labels.join(', ')}`);
    }
    assert.ok(labels.indexOf('Ready') < labels.indexOf('Completed'));
    const completed = tree.find((g) => g.label === 'Completed')!;
    assert.equal(completed.collapsed, true);
    assert.equal(tree.find((g) => g.label === 'Ready')!.collapsed, false);
    const ready = tree.find((g) => g.label === 'Ready')!;
    const users = ready.children!.find((c) => c.label === 'Add the users endpoint');
    assert.ok(users, 'ready spec listed under Ready');
    assert.equal(users.description, '002-bbb · 1/3', 'no "ready" under the Ready group');
    assert.equal(users.icon, 'code');
    // A badge that looks like neither a button (the inline ▶ Work) nor a git letter, and a title
    // in the normal colour (the icon carries the status colour).
    assert.equal(users.badge, '●');
    assert.equal(users.coloursTitle, false);
    assert.match(users.contextValue!, / workable/);
    assert.match(users.contextValue!, /^spec /);
    assert.match(users.tooltip!, /Depends on:[\s\S]*2026-01-10-001-aaa.*completed/);
    // A failed spec nothing blocks is what `chant list --ready` lists (chant retries it): Ready.
    const failed = ready.children!.find((c) => c.label === 'Research the caching options');
    assert.ok(failed, 'failed spec with nothing blocking it listed under Ready');
    assert.doesNotMatch(failed.description!, /ready/, 'no "ready" under the Ready group');
  });

  it('offers ▶ Work only on specs chant would work, and marks archived specs without a letter', async () => {
    const tree = await api.explorerSnapshot!();
    const blocked = tree.find((g) => g.label === 'Blocked')!.children!;
    const completed = tree.find((g) => g.label === 'Completed')!.children!;
    for (const row of [...completed, ...blocked.filter((r) => !/ driver/.test(r.contextValue!))]) {
      assert.doesNotMatch(row.contextValue!, / workable/, `${row.label} is offered ▶ Work`);
    }
    assert.ok(blocked.every((r) => !/blocked/.test(r.description!)), 'no "blocked" under the Blocked group');
    const archived = tree.find((g) => g.label === 'Archived')!.children!;
    assert.ok(archived.length > 0);
    for (const row of archived) {
      assert.equal(row.badge, undefined, `${row.label} has badge ${row.badge}`);
      assert.doesNotMatch(row.contextValue!, / workable/);
    }
    const pkg = vscode.extensions.getExtension('chant-specs.chant-specs')!.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
    const inline = pkg.contributes.menus['view/item/context'].filter((m) => m.command === 'chantSpecs.workSpec');
    assert.ok(inline.length > 0 && inline.every((m) => m.when?.includes('workable')));
  });

  it('shows specs chant cannot load, with the reason and its line', async () => {
    const tree = await api.explorerSnapshot!();
    const invalid = tree.find((g) => g.label === 'Not loadable by chant')!;
    const labels = invalid.children!.map((c) => c.label);
    assert.ok(labels.includes('Spec with a type chant does not know'));
    assert.ok(labels.includes('Spec with malformed YAML'));
    assert.ok(labels.includes('2026-01-10-00b-kkk'), 'binary file shown by its ID');
    assert.ok(labels.includes('2026-01-10-00c-lll'), 'symlink loop shown by its ID');
    const yaml = invalid.children!.find((c) => c.label === 'Spec with malformed YAML')!;
    assert.equal(yaml.icon, 'error');
    assert.match(yaml.tooltip!, /error \(line \d+\): YAML error/);
    const type = invalid.children!.find((c) => c.label === 'Spec with a type chant does not know')!;
    assert.match(type.tooltip!, /line 2\): Unknown type \\?`implementation\\?`: chant cannot load this spec \(\\?`chant lint\\?` fails it, other commands skip it with a warning\)/);
    const bom = api.specs().find((s) => s.id === '2026-01-10-007-ggg')!;
    assert.ok(bom.problems.some((p) => p.code === 'bom' && p.line === 1 && /will not see this frontmatter/.test(p.message)));
  });

  it('nests members under their driver when grouped by hierarchy', async () => {
    await vscode.commands.executeCommand('chantSpecs.groupByHierarchy');
    try {
      const tree = await api.explorerSnapshot!();
      const driver = tree.find((i) => i.label === 'Extract the reporting module')!;
      assert.ok(driver, 'driver at top level');
      assert.match(driver.description!, /members 1\/4/);
      assert.deepEqual(driver.children!.map((c) => c.label), ['Move report models', 'Move report queries', 'Wire the reporting API']);
      const queries = driver.children!.find((c) => c.label === 'Move report queries')!;
      assert.deepEqual(queries.children!.map((c) => c.label), ['Port the slow query']);
      const orphan = tree.find((i) => i.label === 'Orphan member whose driver is gone')!;
      assert.match(orphan.description!, /orphan/);
      const archived = tree.find((i) => i.label === 'Archived')!;
      assert.equal(archived.collapsed, true);

      // Hide completed: completed specs go, unless they lead to unfinished members.
      const completedIds = new Set(api.specs().filter((s) => s.status === 'completed' && !s.archived).map((s) => s.id));
      assert.ok(completedIds.size > 0);
      await vscode.commands.executeCommand('chantSpecs.hideCompleted');
      const hidden = await api.explorerSnapshot!();
      const shown = (items: typeof hidden): string[] => items.flatMap((i) => [i.label, ...shown(i.label === 'Archived' ? [] : i.children ?? [])]);
      const completedTitles = api.specs().filter((s) => completedIds.has(s.id) && s.members.length === 0).map((s) => s.title);
      for (const t of completedTitles) assert.ok(!shown(hidden).includes(t!), `completed ${t} still shown`);
      assert.ok(shown(hidden).includes('Move report queries'), 'unfinished members stay');
      await vscode.commands.executeCommand('chantSpecs.showCompleted');
      const back = await api.explorerSnapshot!();
      for (const t of completedTitles) assert.ok(shown(back).includes(t!), `completed ${t} not back`);
    } finally {
      await vscode.commands.executeCommand('chantSpecs.showCompleted');
      await vscode.commands.executeCommand('chantSpecs.groupByStatus');
    }
  });

  it('applies a changed grouping setting live, without a reload', async () => {
    const config = vscode.workspace.getConfiguration('chantSpecs');
    await config.update('explorer.grouping', 'hierarchy', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('tree regrouped by hierarchy', async () => {
        const tree = await api.explorerSnapshot!();
        return tree.some((i) => i.label === 'Extract the reporting module' && (i.children?.length ?? 0) > 0);
      });
    } finally {
      await config.update('explorer.grouping', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('tree back to status groups', async () => (await api.explorerSnapshot!()).some((i) => i.label === 'Ready'));
  });

  it('filters by text, label and type', async () => {
    await vscode.commands.executeCommand('chantSpecs.filter', 'label:api');
    try {
      const tree = await api.explorerSnapshot!();
      const all = tree.flatMap((g) => g.children ?? []).map((c) => c.label);
      assert.deepEqual(all, ['Add the users endpoint']);
      await vscode.commands.executeCommand('chantSpecs.filter', 'type:research caching');
      const tree2 = await api.explorerSnapshot!();
      assert.deepEqual(tree2.flatMap((g) => g.children ?? []).map((c) => c.label), ['Research the caching options']);
    } finally {
      await vscode.commands.executeCommand('chantSpecs.clearFilter');
    }
  });

  it('follows creation, edits, chant\'s atomic writes and deletion on disk', async () => {
    const id = '2026-01-10-00f-new';
    const file = path.join(SPECS(), `${id}.md`);
    fs.writeFileSync(file, spec('pending', 'A brand new spec'));
    await waitFor('new spec indexed', () => api.specs().find((s) => s.id === id));

    // chant writes `ID.md.tmp` and renames it over the spec.
    fs.writeFileSync(`${file}.tmp`, spec('completed', 'A brand new spec', 'completed_at: 2026-01-12T00:00:00Z\n'));
    fs.renameSync(`${file}.tmp`, file);
    await waitFor('status completed after atomic write', () => api.specs().find((s) => s.id === id)?.status === 'completed');
    const tree = await api.explorerSnapshot!();
    assert.ok(find(tree.find((g) => g.label === 'Completed')!.children!, (i) => i.label === 'A brand new spec'));

    // Renaming a spec is a delete and a create.
    const renamed = path.join(SPECS(), '2026-01-10-00g-ren.md');
    fs.renameSync(file, renamed);
    await waitFor('rename reflected', () => {
      const ids = api.specs().map((s) => s.id);
      return !ids.includes(id) && ids.includes('2026-01-10-00g-ren');
    });
    fs.unlinkSync(renamed);
    await waitFor('deletion reflected', () => !api.specs().some((s) => s.id === '2026-01-10-00g-ren'));
  });

  it('applies a burst of hundreds of changes (a branch switch) as a few batches with the exact final state', async () => {
    let events = 0;
    const sub = api.onDidChangeSpecs(() => events++);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 300; i++) {
        const id = `2026-02-01-${(i + 1).toString(36).padStart(3, '0')}-bst`;
        ids.push(id);
        fs.writeFileSync(path.join(SPECS(), `${id}.md`), spec(i % 2 ? 'completed' : 'pending', `Burst spec ${i}`));
      }
      // And an edit of an existing spec in the same burst.
      fs.writeFileSync(path.join(SPECS(), '2026-01-10-002-bbb.md'), spec('cancelled', 'Add the users endpoint'));
      await waitFor('all burst specs indexed', () => {
        const have = new Set(api.specs().map((s) => s.id));
        return ids.every((i) => have.has(i)) && api.specs().find((s) => s.id === '2026-01-10-002-bbb')?.status === 'cancelled';
      }, 15_000);
      await api.whenIndexed();
      assert.ok(events <= 10, `300 file writes caused ${events} index events; expected a few batches`);
      const byId = new Map(api.specs().map((s) => [s.id, s]));
      assert.equal(byId.get(ids[1])?.status, 'completed');
      assert.equal(byId.get(ids[0])?.status, 'pending');
      // The dependent of the cancelled spec is no longer blocked (chant accepts cancelled deps for is_blocked).
      assert.equal(byId.get('2026-01-10-003-ccc')?.status, 'pending');
    } finally {
      sub.dispose();
    }
  });

  it('starts a group of more than 200 specs collapsed, and the drivers of a large project', async () => {
    const ready = () => api.specs().filter((s) => !s.archived && s.ready && s.status === 'pending').length;
    // Drawn first while small and open: VS Code keeps a row's open state by its ID.
    await vscode.commands.executeCommand('chantSpecs.explorer.focus');
    await waitFor('the Ready group drawn open', async () => (await ui({ op: 'tree' })).some((t) => t.startsWith('▾ Ready')), 10_000);
    for (let i = 0; ready() + i <= 200; i++) {
      fs.writeFileSync(path.join(SPECS(), `2026-02-02-${(i + 1).toString(36).padStart(3, '0')}-big.md`), spec('pending', `Large group spec ${i}`));
    }
    await waitFor('more than 200 ready specs', () => ready() > 200, 15_000);
    await api.whenIndexed();
    const tree = await api.explorerSnapshot!();
    const readyGroup = tree.find((g) => g.label === 'Ready')!;
    assert.equal(readyGroup.collapsed, true, 'a large group starts collapsed');
    assert.equal(readyGroup.description, String(readyGroup.children?.length), 'its row still counts its specs');
    assert.ok(readyGroup.children!.length > 200);
    assert.equal(tree.find((g) => g.label === 'Blocked')!.collapsed, false, 'a small group stays open');
    // As drawn: the group that was small and open is drawn collapsed once it is large.
    await waitFor('the large Ready group drawn collapsed', async () => (await ui({ op: 'tree' })).some((t) => t.startsWith('▸ Ready')), 10_000)
      .catch(async (e: Error) => { throw new Error(`${e.message}: drawn ${JSON.stringify(await ui({ op: 'tree' }))}`); });
    await vscode.commands.executeCommand('chantSpecs.groupByHierarchy');
    try {
      const driver = find(await api.explorerSnapshot!(), (i) => i.specPath?.endsWith('2026-01-10-004-ddd.md') === true);
      assert.ok(driver, 'the driver is listed');
      assert.equal(driver.collapsed, true, 'a driver in a project this large starts collapsed');
    } finally {
      await vscode.commands.executeCommand('chantSpecs.groupByStatus');
    }
  });

  it('summarises ready specs and specs chant cannot load in the status bar', async () => {
    const specs = api.specs().filter((s) => !s.archived);
    const ready = specs.filter((s) => s.ready).length;
    const invalid = specs.filter((s) => s.status === 'invalid').length;
    assert.ok(ready > 0 && invalid > 0);
    await waitFor('status bar text', () => api.statusBarText?.()?.includes(`${ready} ready`) && api.statusBarText?.()?.includes(`$(error) ${invalid}`));
  });

  it('opens a spec from its row', async () => {
    const tree = await api.explorerSnapshot!();
    const row = find(tree, (i) => i.label === 'Add the billing endpoint')!;
    await vscode.commands.executeCommand('chantSpecs.openSpec', row.specPath);
    await waitFor('editor opened', () => vscode.window.activeTextEditor?.document.uri.fsPath === row.specPath);
  });
});
