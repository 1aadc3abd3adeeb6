// Re-run command lines for drifted specs, and acknowledgement state.
import * as assert from 'node:assert/strict';
import { displayCommand, pendingStatusEdit, rerunPlan, type RerunInput } from '../../src/core/drift/rerun';
import { acknowledge, ackKey, currentAck, parseAckState, undoAcknowledge } from '../../src/core/drift/acks';
import { parseSpecText } from '../../src/core/spec';

const spec = (over: Partial<RerunInput> = {}): RerunInput => ({
  id: '2026-01-28-001-doc', rawStatus: 'completed', type: 'documentation', loadable: true, hasMembers: false, root: '/p', ...over,
});
const options = { cli: 'chant', workArgs: [] as string[] };

describe('drift re-run plan', () => {
  it('sets a completed spec to pending first, then runs chant work ID in the project root', () => {
    const r = rerunPlan(spec(), options);
    assert.ok(r.ok);
    assert.equal(r.plan.setPendingFirst, true);
    assert.equal(r.plan.command, 'chant');
    assert.deepEqual(r.plan.args, ['work', '2026-01-28-001-doc']);
    assert.equal(r.plan.cwd, '/p');
    assert.equal(r.plan.display, 'chant work 2026-01-28-001-doc');
    assert.match(r.plan.why, /reset/);
  });

  it('does the same for cancelled and raw ready specs', () => {
    for (const rawStatus of ['cancelled', 'ready']) {
      const r = rerunPlan(spec({ rawStatus }), options);
      assert.ok(r.ok && r.plan.setPendingFirst, rawStatus);
    }
  });

  it('runs chant work as is for statuses chant work accepts', () => {
    for (const rawStatus of ['failed', 'needs_attention', 'paused', 'pending', 'blocked']) {
      const r = rerunPlan(spec({ rawStatus }), options);
      assert.ok(r.ok, rawStatus);
      assert.equal(r.plan.setPendingFirst, false, rawStatus);
      assert.deepEqual(r.plan.args, ['work', '2026-01-28-001-doc']);
    }
  });

  it('appends the configured extra arguments and uses the configured executable', () => {
    const r = rerunPlan(spec(), { cli: '/opt/chant/bin/chant', workArgs: ['--no-watch', '--prompt', 'docs v2'] });
    assert.ok(r.ok);
    assert.equal(r.plan.command, '/opt/chant/bin/chant');
    assert.deepEqual(r.plan.args, ['work', '2026-01-28-001-doc', '--no-watch', '--prompt', 'docs v2']);
    assert.equal(r.plan.display, "/opt/chant/bin/chant work 2026-01-28-001-doc --no-watch --prompt 'docs v2'");
  });

  it('refuses in-progress specs, drivers, unloadable specs, unknown statuses and unsafe IDs', () => {
    assert.match((rerunPlan(spec({ rawStatus: 'in_progress' }), options) as { reason: string }).reason, /already in progress/);
    assert.match((rerunPlan(spec({ type: 'driver' }), options) as { reason: string }).reason, /members/);
    assert.match((rerunPlan(spec({ hasMembers: true }), options) as { reason: string }).reason, /members/);
    assert.equal(rerunPlan(spec({ loadable: false }), options).ok, false);
    assert.equal(rerunPlan(spec({ rawStatus: 'done' }), options).ok, false);
    assert.equal(rerunPlan(spec({ id: '--help' }), options).ok, false);
    assert.equal(rerunPlan(spec({ id: 'a;rm -rf' }), options).ok, false);
  });

  it('quotes display arguments that a shell would split', () => {
    assert.equal(displayCommand('chant', ['work', "it's"]), "chant work 'it'\\''s'");
  });

  it('edits only the value of the status line', () => {
    const text = '---\ntype: documentation\nstatus: completed # done\ncompleted_at: 2026-01-28T12:00:00Z\n---\n# T\n';
    const parsed = parseSpecText({ path: '/p/.chant/specs/x.md', root: '/p', archived: false }, text);
    const key = parsed.keys.get('status')!;
    const line = text.split('\n')[key.start.line];
    const edit = pendingStatusEdit(line, key)!;
    assert.equal(line.slice(0, edit.start) + edit.newText + line.slice(edit.end), 'status: pending # done');
    const quoted = 'status: "completed"';
    const e2 = pendingStatusEdit(quoted, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } })!;
    assert.equal(quoted.slice(0, e2.start) + e2.newText + quoted.slice(e2.end), 'status: "pending"');
  });
});

describe('drift acknowledgements', () => {
  it('stacks acknowledgements per spec and undoes the latest', () => {
    const key = ackKey('/p', 'a');
    let state = acknowledge({}, key, { commit: 'c1', date: 'd1' });
    state = acknowledge(state, key, { commit: 'c2', date: 'd2' });
    assert.equal(currentAck(state, key)?.commit, 'c2');
    state = undoAcknowledge(state, key);
    assert.equal(currentAck(state, key)?.commit, 'c1');
    state = undoAcknowledge(state, key);
    assert.equal(currentAck(state, key), undefined);
    assert.deepEqual(state, {});
    assert.deepEqual(undoAcknowledge(state, key), {});
  });

  it('reads stored state defensively', () => {
    assert.deepEqual(parseAckState(undefined), {});
    assert.deepEqual(parseAckState({ k: [{ date: 'd', commit: 'c' }, { nope: 1 }, 'x'], j: 'bad' }), { k: [{ date: 'd', commit: 'c' }] });
  });
});
