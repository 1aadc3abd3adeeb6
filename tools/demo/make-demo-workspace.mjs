#!/usr/bin/env node
// Creates the demo Chant workspace: "demo-shop", a small Python backend with a git history
// and a few dozen specs in every state chant knows (and one file chant cannot read).
//
//   node tools/demo/make-demo-workspace.mjs [DIR]
//
// DIR must not exist or be empty; default: a new temporary folder. Prints the workspace path.
// The result is deterministic (file contents, commit SHAs) except for where it is written:
// dates, author and committer are fixed, and the machine's git configuration is not read.
//
// What it shows:
// - "Document system architecture" (documentation) tracks src/**/*.py, including the brace
//   glob chant does not expand; later commits change src/auth/routes.py (+45 −12), add
//   src/auth/google.py and change src/users/models.py and src/billing/invoice.py, so it drifted.
// - "Analyze coupling between reporting and billing" (research, informed_by/origin) drifted
//   through src/billing/invoice.py.
// - "Extract reporting into its own service" (driver) with members .1 .2 .3 (no dependency
//   between them, `depends_on: []`) and .4 (after all three), all pending.
// - Completed, pending, ready, blocked, in_progress, paused, failed, needs_attention,
//   cancelled, approval pending/rejected/approved, two archived specs, and a spec with
//   `status: done` that chant rejects.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { activeSpecs, archivedSpecs, DRIVER } from './specs.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEED = path.join(HERE, 'seed');
const AUTHOR = { name: 'Dana Whitfield', email: 'dana@demo-shop.example' };

// ── Files written by later commits (not in the seed's starting state) ─────────

/** src/auth/routes.py after "Sign in with Google": replaces the /session route (12 lines) with 45. */
const ROUTES_OLD_IMPORTS = `from src.auth.sessions import create_session, end_session, get_session
from src.users.repository import find_by_email, update_password_hash
`;
const ROUTES_NEW_IMPORTS = `from src.auth import google
from src.auth.sessions import Session, create_session, end_session, get_session, refresh_session
from src.auth.tokens import new_token
from src.users.repository import create_user, find_by_email, update_password_hash
`;
const ROUTES_OLD_TAIL = `@router.get("/session")
def current_session(request: Request) -> dict:
    token = request.cookies.get(SESSION_COOKIE)
    session = get_session(token) if token else None
    if session is None:
        raise HTTPException(status_code=401, detail="Not signed in")
    return {
        "user_id": session.user_id,
        "expires_at": session.expires_at.isoformat(),
    }
`;
const ROUTES_NEW_TAIL = `@router.get("/session")
def current_session(request: Request, response: Response) -> dict:
    session = _require_session(request)
    if session.expires_at - datetime.now(timezone.utc) < timedelta(hours=2):
        session = refresh_session(session.token)
        response.set_cookie(SESSION_COOKIE, session.token, httponly=True, secure=True, samesite="lax")
    return {"user_id": session.user_id, "expires_at": session.expires_at.isoformat()}


def _require_session(request: Request) -> Session:
    token = request.cookies.get(SESSION_COOKIE, "")
    found = get_session(token) if token else None
    if found is None:
        raise HTTPException(status_code=401, detail="Not signed in", headers={"WWW-Authenticate": "Cookie"})
    return found


@router.get("/google/start")
def google_start(response: Response) -> dict:
    state = new_token()
    response.set_cookie(OAUTH_STATE_COOKIE, state, httponly=True, secure=True, samesite="lax", max_age=600)
    return {"redirect": google.authorization_url(state)}


@router.get("/google/callback")
def google_callback(request: Request, response: Response, code: str, state: str) -> dict:
    expected = request.cookies.get(OAUTH_STATE_COOKIE)
    if not expected or expected != state:
        raise HTTPException(status_code=400, detail="OAuth state mismatch")
    profile = google.exchange_code(code)
    if not profile.email_verified:
        raise HTTPException(status_code=403, detail="Google account email is not verified")
    user = find_by_email(profile.email) or create_user(profile.email, profile.name, password_hash="")
    google.link_subject(user.id, profile.subject)
    session = create_session(user.id)
    response.delete_cookie(OAUTH_STATE_COOKIE)
    response.set_cookie(SESSION_COOKIE, session.token, httponly=True, secure=True, samesite="lax")
    return {"user_id": user.id}
`;

const GOOGLE_PY = `"""Google sign-in: OAuth 2.0 authorization code flow with OpenID Connect."""

from dataclasses import dataclass
from urllib.parse import urlencode

import httpx

from src.config import settings
from src.db import session_scope
from src.users.models import User

AUTHORIZE_URL = "https://accounts.google.com/o/oauth2/v2/auth"
TOKEN_URL = "https://oauth2.googleapis.com/token"
USERINFO_URL = "https://openidconnect.googleapis.com/v1/userinfo"


@dataclass
class GoogleProfile:
    subject: str
    email: str
    email_verified: bool
    name: str


def authorization_url(state: str) -> str:
    query = {
        "client_id": settings.google_client_id,
        "redirect_uri": settings.google_redirect_uri,
        "response_type": "code",
        "scope": "openid email profile",
        "state": state,
    }
    return f"{AUTHORIZE_URL}?{urlencode(query)}"


def exchange_code(code: str) -> GoogleProfile:
    token = httpx.post(TOKEN_URL, data={
        "code": code,
        "client_id": settings.google_client_id,
        "client_secret": settings.google_client_secret,
        "redirect_uri": settings.google_redirect_uri,
        "grant_type": "authorization_code",
    }, timeout=10).raise_for_status().json()
    info = httpx.get(USERINFO_URL, headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=10)
    data = info.raise_for_status().json()
    return GoogleProfile(data["sub"], data["email"], bool(data.get("email_verified")), data.get("name", ""))


def link_subject(user_id: int, subject: str) -> None:
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is not None and user.google_subject is None:
            user.google_subject = subject
`;

const TOTP_PY = `"""Time-based one-time passwords (RFC 6238) for two-factor login."""

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote

STEP_SECONDS = 30
DIGITS = 6


def new_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def provisioning_uri(secret: str, email: str) -> str:
    return f"otpauth://totp/demo-shop:{quote(email)}?secret={secret}&issuer=demo-shop"


def code_at(secret: str, counter: int) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**DIGITS).zfill(DIGITS)


def verify(secret: str, code: str, now: float | None = None) -> bool:
    counter = int((now or time.time()) // STEP_SECONDS)
    return any(hmac.compare_digest(code_at(secret, counter + drift), code) for drift in (-1, 0, 1))
`;

/** Text edits applied by later commits: [path, old, new]. */
const GOOGLE_OAUTH_EDITS = [
  ['src/auth/routes.py', ROUTES_OLD_IMPORTS, ROUTES_NEW_IMPORTS],
  ['src/auth/routes.py', 'router = APIRouter()\nSESSION_COOKIE = "shop_session"\n',
    'router = APIRouter()\nSESSION_COOKIE = "shop_session"\nOAUTH_STATE_COOKIE = "shop_oauth_state"\n'],
  ['src/auth/routes.py', '"""HTTP routes for login, logout and password resets."""\n\n',
    '"""HTTP routes for login, logout, Google sign-in and sessions."""\n\nfrom datetime import datetime, timedelta, timezone\n\n'],
  ['src/auth/routes.py', ROUTES_OLD_TAIL, ROUTES_NEW_TAIL],
  ['src/users/models.py', '    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))\n',
    '    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))\n    google_subject: Mapped[str | None] = mapped_column(String(255), unique=True)\n'],
  ['src/config.py', '    smtp_host: str = field(default_factory=lambda: os.environ.get("SMTP_HOST", "localhost"))\n',
    '    smtp_host: str = field(default_factory=lambda: os.environ.get("SMTP_HOST", "localhost"))\n'
    + '    google_client_id: str = field(default_factory=lambda: os.environ.get("GOOGLE_CLIENT_ID", ""))\n'
    + '    google_client_secret: str = field(default_factory=lambda: os.environ.get("GOOGLE_CLIENT_SECRET", ""))\n'
    + '    google_redirect_uri: str = field(default_factory=lambda: os.environ.get("GOOGLE_REDIRECT_URI", ""))\n'],
];

const TAX_PER_LINE_EDITS = [
  ['src/billing/invoice.py', `    @property
    def net(self) -> Decimal:
        return self.unit_price * self.quantity
`, `    @property
    def net(self) -> Decimal:
        return self.unit_price * self.quantity

    def tax(self, rate: Decimal) -> Decimal:
        return round_money(self.net * rate)
`],
  ['src/billing/invoice.py', `    @property
    def tax_total(self) -> Decimal:
        return round_money(self.net_total * vat_rate(self.country))
`, `    @property
    def tax_total(self) -> Decimal:
        # Rounded per line item, as printed on the invoice: rounding the invoice total
        # instead was a cent off on multi-line invoices (support ticket #4127).
        rate = vat_rate(self.country)
        return sum((item.tax(rate) for item in self.items), Decimal("0"))
`],
  ['src/billing/invoice.py', `    @property
    def gross_total(self) -> Decimal:
        return self.net_total + self.tax_total
`, `    @property
    def gross_total(self) -> Decimal:
        return round_money(self.net_total + self.tax_total)

    @property
    def is_zero(self) -> bool:
        return self.gross_total == Decimal("0.00")
`],
];

// ── .chant configuration ──────────────────────────────────────────────────────

const CONFIG_MD = `---
project:
  name: demo-shop
defaults:
  prompt: standard
  branch_prefix: chant/
  main_branch: main
  model: sonnet
parallel:
  agents:
  - name: main
    command: claude
    max_concurrent: 3
lint:
  thresholds:
    complexity_criteria: 8
---

# demo-shop

Specs for the demo-shop backend. Work a spec with \`chant work ID\`; a driver's members
with \`chant work DRIVER\`.

- One spec per change; acceptance criteria are checked by the agent.
- Documentation and research specs list what they describe in \`tracks:\` /
  \`informed_by:\` / \`origin:\` so that \`chant drift\` can tell when they are stale.
`;

const STANDARD_PROMPT = `---
name: standard
purpose: Default prompt for code specs
---

You are working on spec {{spec.id}} of {{project.name}}.

# {{spec.title}}

{{spec.description}}

Make the change described above. Keep commits focused, run the tests (\`pytest -q\`), and
check each acceptance criterion in the spec file when it is met.
`;

const DOCUMENTATION_PROMPT = `---
name: documentation
purpose: Documentation specs: describe the tracked code as it is
---

You are documenting {{project.name}} for spec {{spec.id}}.

# {{spec.title}}

{{spec.description}}

Read the tracked files before writing. Describe what the code does today, not what it
should do. Write to the target files only.
`;

const CHANT_GITIGNORE = '.locks/\n.store/\nstore/\nlogs/\nprocesses/\nagents.md\n';

// ── Spec rendering ────────────────────────────────────────────────────────────

// YAML scalars chant would write unquoted, except where YAML would read a number, a boolean
// or null (a short SHA like 1234567 or 1e23456), or syntax.
function scalar(value) {
  const v = String(value);
  const ambiguous = /^(?:[-+]?(?:\d[\d_]*)?\.?\d*(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|true|false|yes|no|on|off|null|~)$/i.test(v);
  const syntax = v === '' || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(v) || /[:#]\s|\s$|:$/.test(v);
  return ambiguous || syntax ? `'${v.replace(/'/g, "''")}'` : v;
}

function frontmatter(fm) {
  const lines = [];
  for (const [key, value] of Object.entries(fm)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${key}: []`);
      else lines.push(`${key}:`, ...value.map((v) => `- ${scalar(v)}`));
    } else if (value && typeof value === 'object') {
      lines.push(`${key}:`, ...Object.entries(value).map(([k, v]) => `  ${k}: ${typeof v === 'boolean' ? v : scalar(v)}`));
    } else {
      lines.push(`${key}: ${scalar(value)}`);
    }
  }
  return `---\n${lines.join('\n')}\n---\n`;
}

// chant's key order on save: type, status, depends_on, labels, target_files, … (struct order).
const KEY_ORDER = ['type', 'status', 'depends_on', 'labels', 'target_files', 'context', 'prompt', 'branch', 'commits',
  'completed_at', 'model', 'tracks', 'informed_by', 'origin', 'members', 'approval'];

function renderSpec(spec, fm, { agentOutput } = {}) {
  const ordered = {};
  for (const k of KEY_ORDER) if (k in fm) ordered[k] = fm[k];
  for (const k of Object.keys(fm)) if (!(k in ordered)) ordered[k] = fm[k];
  let text = `${frontmatter(ordered)}\n# ${spec.title}\n\n${spec.body.trim()}\n`;
  if (agentOutput) text += `\n## Agent Output\n\n${spec.fm.completed_at}\n\n\`\`\`\n${agentOutput}\n\`\`\`\n`;
  return text;
}

/** The spec as `chant add` left it: pending, criteria unchecked, no run results. */
function asAdded(spec) {
  const { commits: _c, completed_at: _d, model: _m, branch: _b, ...fm } = spec.fm;
  return renderSpec({ ...spec, body: spec.body.replace(/- \[[xX]\]/g, '- [ ]') }, { ...fm, status: 'pending' });
}

// ── Git ───────────────────────────────────────────────────────────────────────

function gitRunner(dir) {
  // Nothing from the machine's git setup (global/system config, hooks, GIT_DIR of a caller).
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  Object.assign(base, { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' });
  const run = (args, env = {}) => execFileSync('git', args, { cwd: dir, env: { ...base, ...env }, encoding: 'utf8' }).trim();
  return {
    run,
    commit(message, at, author = AUTHOR) {
      const seconds = Math.floor(Date.parse(at) / 1000);
      if (!Number.isFinite(seconds)) throw new Error(`bad date ${at}`);
      const date = `@${seconds} +0000`;
      run(['add', '-A']);
      run(['commit', '-q', '--no-verify', '-m', message], {
        GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email, GIT_COMMITTER_DATE: date,
      });
      return run(['rev-parse', '--short=7', 'HEAD']);
    },
  };
}

function parseAuthor(text) {
  const m = /^(.*) <(.*)>$/.exec(text);
  return m ? { name: m[1], email: m[2] } : AUTHOR;
}

// ── The workspace ─────────────────────────────────────────────────────────────

/** Seed files (relative paths), sorted. */
function seedFiles() {
  return fs.readdirSync(SEED, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(SEED, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Writes the demo workspace into `dir` (created; must be empty) and returns facts the tests
 * and the start script use.
 */
export function makeDemoWorkspace(dir) {
  dir = path.resolve(dir);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  fs.mkdirSync(dir, { recursive: true });
  const write = (rel, text) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const copySeed = (rel) => write(rel, fs.readFileSync(path.join(SEED, rel)));
  const edit = ([rel, before, after]) => {
    const file = path.join(dir, rel);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(before)) throw new Error(`demo edit does not apply to ${rel}: ${before.split('\n')[0]}`);
    fs.writeFileSync(file, text.replace(before, after));
  };
  const specPath = (id) => `.chant/specs/${id}.md`;

  const git = gitRunner(dir);
  git.run(['init', '-q', '--template=', '-b', 'main']);
  git.run(['config', 'user.name', AUTHOR.name]);
  git.run(['config', 'user.email', AUTHOR.email]);
  git.run(['config', 'commit.gpgsign', 'false']);
  git.run(['config', 'core.autocrlf', 'false']);
  // What `chant init` configures (the seed's .gitattributes names it): `chant merge` merges spec
  // files with `chant merge-driver`; without it, merging a worked spec's branch stops on a conflict.
  git.run(['config', 'merge.chant-spec.driver', 'chant merge-driver %O %A %B']);

  const all = [...archivedSpecs, ...activeSpecs];
  const heldBack = new Set(all.flatMap((s) => (Array.isArray(s.work?.files) ? s.work.files : [])));
  heldBack.add('docs/notifications.md');
  const skeleton = seedFiles().filter((f) => !heldBack.has(f) && !['README.md', 'pyproject.toml'].includes(f) && !f.startsWith('docs/'));

  // Every event of the history, ordered by time. Specs created at the same moment (a driver's
  // members) are committed together.
  const events = [];
  const at = (when, order, run) => events.push({ when, order, run });
  const shas = {};

  at('2026-01-19T09:00:00Z', 0, () => {
    copySeed('README.md');
    copySeed('pyproject.toml');
    write('.gitignore', '__pycache__/\n*.pyc\n.venv/\nvar/\n.env\n');
    git.commit('Initial commit', '2026-01-19T09:00:00Z');
  });
  at('2026-01-19T09:30:00Z', 0, () => {
    write('.chant/config.md', CONFIG_MD);
    write('.chant/.gitignore', CHANT_GITIGNORE);
    write('.chant/prompts/standard.md', STANDARD_PROMPT);
    write('.chant/prompts/documentation.md', DOCUMENTATION_PROMPT);
    write('.gitattributes', '.chant/specs/*.md merge=chant-spec\n');
    git.commit('chant: Initialize chant', '2026-01-19T09:30:00Z');
  });

  const adds = new Map();
  for (const spec of all) {
    const completesLater = spec.fm.status === 'completed' && spec.fm.completed_at;
    if (!adds.has(spec.created)) adds.set(spec.created, []);
    adds.get(spec.created).push({ spec, text: completesLater ? asAdded(spec) : renderSpec(spec, spec.fm) });
    if (spec.work) {
      at(spec.work.at, 1, () => {
        if (spec.work.files === 'skeleton') skeleton.forEach(copySeed);
        else if (spec.work.files === 'google-oauth') {
          write('src/auth/google.py', GOOGLE_PY);
          GOOGLE_OAUTH_EDITS.forEach(edit);
        } else spec.work.files.forEach(copySeed);
        const author = spec.work.author ? parseAuthor(spec.work.author) : AUTHOR;
        shas[spec.id] = git.commit(`chant(${spec.id}): ${spec.work.subject}`, spec.work.at, author);
      });
    }
    if (completesLater) {
      at(spec.fm.completed_at, 2, () => {
        const fm = { ...spec.fm, ...(shas[spec.id] ? { commits: [shas[spec.id]] } : {}) };
        write(specPath(spec.id), renderSpec(spec, fm, { agentOutput: spec.agentOutput }));
        const message = shas[spec.id] ? `chant: Record agent transcript for ${spec.id}` : `Mark ${spec.id} completed`;
        git.commit(message, spec.fm.completed_at);
      });
    }
  }
  for (const [when, group] of adds) {
    at(when, 0, () => {
      for (const { spec, text } of group) write(specPath(spec.id), text);
      const ids = group.map((g) => g.spec.id);
      const message = ids.length === 1 ? `chant: Add spec ${ids[0]}`
        : ids.every((id) => id.startsWith(`${DRIVER}.`)) ? `chant: Add ${ids.length} member specs for ${DRIVER}`
          : `chant: Add specs ${ids.join(', ')}`;
      git.commit(message, when);
    });
  }

  // The notification templates documented by hand (the spec records only a completion date).
  at('2026-01-24T10:01:00Z', 1, () => {
    copySeed('docs/notifications.md');
    git.commit('docs: describe the notification templates', '2026-01-24T10:01:00Z');
  });
  // TOTP work in progress on the agent's branch; main is left where it was.
  at('2026-01-21T16:20:00Z', 1, () => {
    const id = '2026-01-21-004-zq1';
    git.run(['checkout', '-q', '-b', `chant/${id}`]);
    write('src/auth/totp.py', TOTP_PY);
    git.commit(`chant(${id}): TOTP secrets, provisioning URI and code verification`, '2026-01-21T16:20:00Z');
    git.run(['checkout', '-q', 'main']);
  });
  at('2026-01-26T17:30:00Z', 1, () => {
    for (const spec of archivedSpecs) {
      const to = path.join(dir, '.chant/archive', spec.id.slice(0, 10), `${spec.id}.md`);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.renameSync(path.join(dir, specPath(spec.id)), to);
    }
    git.commit(`chant: Archive ${archivedSpecs.map((s) => s.id).join(', ')}`, '2026-01-26T17:30:00Z');
  });
  // A fix made by hand after the architecture docs and the coupling research were written.
  at('2026-01-30T14:05:00Z', 1, () => {
    TAX_PER_LINE_EDITS.forEach(edit);
    git.commit('billing: round tax per line item, not per invoice', '2026-01-30T14:05:00Z');
  });

  events.sort((a, b) => Date.parse(a.when) - Date.parse(b.when) || a.order - b.order);
  for (const e of events) e.run();

  // Agent logs (chant's .chant/logs/ is gitignored).
  writeLogs(write);

  return {
    dir,
    head: git.run(['rev-parse', 'HEAD']),
    commits: shas,
    specCount: { active: activeSpecs.length, archived: archivedSpecs.length },
  };
}

function writeLogs(write) {
  const sep = '='.repeat(80);
  write('.chant/logs/2026-01-28-001-doc.log', `# Agent Log: 2026-01-28-001-doc
# Started: 2026-01-28T11:02:10Z
# Prompt: documentation

I'll start by reading the five modules under src/ and how app.py mounts them.
Reading src/app.py
Reading src/auth/routes.py
Reading src/reporting/queries.py
reporting/queries.py runs SQL directly on the invoices and users tables.
Writing docs/architecture.md
Committed: chant(2026-01-28-001-doc): architecture overview of the five modules
`);
  write('.chant/logs/2026-01-22-002-d2v.log', `# Agent Log: 2026-01-22-002-d2v
# Started: 2026-01-22T10:30:04Z
# Prompt: standard

Reading src/billing/stripe_webhooks.py
Adding a webhook_events table and a retry worker.
Running pytest -q
FAILED tests/test_webhooks.py::test_retry_backoff - sqlite3.OperationalError: no such table: webhook_events
The test database is created from migrations that do not include the new table.
${sep}
# New Run: 2026-01-22T16:02:40Z
# Prompt: standard
${sep}
Reading src/billing/stripe_webhooks.py
Error: agent exited with status 1 after 14m: context window exhausted while reading migrations/
`);
  write('.chant/logs/2026-01-21-004-zq1.log', `# Agent Log: 2026-01-21-004-zq1
# Started: 2026-01-21T16:05:31Z
# Prompt: standard

Reading src/auth/routes.py and src/auth/sessions.py
Creating src/auth/totp.py: new_secret, provisioning_uri, code_at, verify
Checked: Generate a TOTP secret and provisioning URI per user
Checked: Verify 6-digit codes with one step of clock drift
Next: require a code at login for users who enabled it
`);
}

// ── Command line ──────────────────────────────────────────────────────────────

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h') || args.length > 1) {
    process.stderr.write('usage: node tools/demo/make-demo-workspace.mjs [DIR]\n  DIR: must not exist or be empty (default: a new temporary folder)\n');
    process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
  }
  const dir = args[0] ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-demo-')), 'demo-shop');
  try {
    const result = makeDemoWorkspace(dir);
    process.stdout.write(`${result.dir}\n`);
  } catch (e) {
    process.stderr.write(`make-demo-workspace: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
