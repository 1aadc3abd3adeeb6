// Run state from chant's markers (chant-format.md §6.2): `.chant/.locks/ID.lock` and
// `.chant/pids/ID.pid` with a live PID mean running, with a dead or unreadable PID stale.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { isRunMarkerPath, markerState, parsePid, readRunMarkers, type ProcessProbe } from '../../src/core/runState';
import { nodeProcessProbe } from '../../src/node/processProbe';
import { MemoryFileSystem } from './helpers/memoryFs';

const probe = (alive: number[]): ProcessProbe => ({ isProcessAlive: (pid) => alive.includes(pid) });

describe('run state (lock/pid liveness)', () => {
  it('parsePid accepts a positive decimal PID and nothing else', () => {
    assert.equal(parsePid('4242'), 4242);
    assert.equal(parsePid(' 17\n'), 17);
    for (const bad of ['', '0', '-1', 'abc', '12 34', '0x10', '1.5', '99999999999']) assert.equal(parsePid(bad), undefined, JSON.stringify(bad));
  });

  it('reads lock and pid files per spec, ignoring other files', async () => {
    const fs = new MemoryFileSystem()
      .write('/ws/.chant/.locks/A.lock', '100')
      .write('/ws/.chant/pids/A.pid', '200\n')
      .write('/ws/.chant/.locks/B.lock', 'garbage')
      .write('/ws/.chant/pids/C.pid', '300')
      .write('/ws/.chant/.locks/notes.txt', '1')
      .write('/ws/.chant/.locks/.lock', '1');
    const markers = await readRunMarkers(fs, '/ws');
    assert.deepEqual([...markers.keys()].sort(), ['A', 'B', 'C']);
    assert.deepEqual(markers.get('A'), { id: 'A', hasLock: true, lockPid: 100, hasPid: true, agentPid: 200 });
    assert.deepEqual(markers.get('B'), { id: 'B', hasLock: true, lockPid: undefined, hasPid: false });
    assert.deepEqual(markers.get('C'), { id: 'C', hasLock: false, hasPid: true, agentPid: 300 });
  });

  it('no marker folders: nothing runs', async () => {
    assert.equal((await readRunMarkers(new MemoryFileSystem().mkdir('/ws/.chant/specs'), '/ws')).size, 0);
  });

  it('running when the chant or the agent PID is alive, stale when neither is (or the PID is unreadable)', () => {
    const a = { id: 'A', hasLock: true, lockPid: 100, hasPid: true, agentPid: 200 };
    assert.equal(markerState(a, probe([100, 200])), 'running');
    assert.equal(markerState(a, probe([200])), 'running', 'the agent outlives chant');
    assert.equal(markerState(a, probe([])), 'stale', 'a Ctrl+C leaves the lock behind');
    assert.equal(markerState({ id: 'B', hasLock: true, hasPid: false }, probe([1])), 'stale');
    assert.equal(markerState({ id: 'C', hasLock: false, hasPid: false }, probe([1])), undefined);
  });

  it('knows which changed paths are run markers', () => {
    assert.ok(isRunMarkerPath('/ws/.chant/.locks/A.lock'));
    assert.ok(isRunMarkerPath('/ws/.chant/pids/A.pid'));
    assert.ok(isRunMarkerPath('/ws/.chant/.locks'));
    assert.ok(isRunMarkerPath('C:\\ws\\.chant\\pids\\A.pid'));
    assert.ok(!isRunMarkerPath('/ws/.chant/logs/A.log'));
    assert.ok(!isRunMarkerPath('/ws/.chant/specs/A.md'));
  });

  it('the node probe: this process is alive, a finished child is not, 0 and -1 are never probed', () => {
    assert.equal(nodeProcessProbe.isProcessAlive(process.pid), true);
    const child = spawnSync(process.execPath, ['-e', '0']);
    assert.ok(child.pid);
    assert.equal(nodeProcessProbe.isProcessAlive(child.pid), false);
    assert.equal(nodeProcessProbe.isProcessAlive(0), false);
    assert.equal(nodeProcessProbe.isProcessAlive(-1), false);
  });
});
