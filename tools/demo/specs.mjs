// The specs of the demo workspace, as data: what each spec says and when it happened.
// make-demo-workspace.mjs turns this into files and a git history.
//
// Fields:
//   id, title, fm (frontmatter in chant's key order; `commits` is filled in from `work`),
//   body (markdown after the title), created (when `chant add` committed it),
//   work: { at, subject, files: [seed paths the agent's commit adds] } for completed specs,
//   agentOutput: text chant appends as `## Agent Output` after a successful run.
// A spec with `work` is committed twice, as chant does: added as pending with its criteria
// unchecked, then completed with `commits:` naming the agent's commit. Every date is UTC.

export const DRIVER = '2026-01-29-001-rpt';
export const DOC_SPEC = '2026-01-28-001-doc';
export const RESEARCH_SPEC = '2026-01-27-001-cpl';
export const BROKEN_SPEC = '2026-01-26-003-drk';

const ac = (...items) => `## Acceptance Criteria\n\n${items.join('\n')}`;

/** Specs archived with `chant archive` (they live in `.chant/archive/2026-01-19/`). */
export const archivedSpecs = [
  {
    id: '2026-01-19-001-q7d',
    title: 'Set up the FastAPI application skeleton',
    created: '2026-01-19T09:40:00Z',
    fm: { type: 'code', status: 'completed', labels: ['setup'], completed_at: '2026-01-19T11:02:41Z', model: 'sonnet' },
    work: {
      at: '2026-01-19T10:58:12Z',
      subject: 'FastAPI skeleton with auth, users, billing, reporting and notifications modules',
      files: 'skeleton',
    },
    body: `## Problem

The shop backend is a set of scripts. Give it one FastAPI application with a module per
domain so that work can be split by module.

${ac(
  '- [x] `src/app.py` builds the app and mounts one router per module',
  '- [x] Modules: `auth`, `users`, `billing`, `reporting`, `notifications`',
  '- [x] Settings come from the environment (`src/config.py`)',
  '- [x] A shared SQLAlchemy engine and `session_scope()` in `src/db.py`',
)}`,
  },
  {
    id: '2026-01-19-002-w2m',
    title: 'Run ruff, mypy and pytest in CI',
    created: '2026-01-19T09:45:00Z',
    fm: { type: 'task', status: 'completed', labels: ['ci'], completed_at: '2026-01-19T11:31:09Z', model: 'haiku' },
    work: { at: '2026-01-19T11:29:50Z', subject: 'CI workflow running ruff, mypy and pytest', files: ['.github/workflows/ci.yml'] },
    body: `## Problem

Nothing checks pull requests.

${ac(
  '- [x] A workflow runs on push and pull requests',
  '- [x] It runs `ruff check`, `mypy src` and `pytest -q`',
)}`,
  },
];

/** Active specs (`.chant/specs/`), in the order chant would list them. */
export const activeSpecs = [
  // ── 2026-01-20 ──────────────────────────────────────────────────────────────
  {
    id: '2026-01-20-001-k3p',
    title: 'Hash passwords with argon2id instead of bcrypt',
    created: '2026-01-20T08:55:00Z',
    fm: { type: 'code', status: 'completed', labels: ['auth', 'security'], target_files: ['src/auth/passwords.py'], completed_at: '2026-01-20T10:14:37Z', model: 'sonnet' },
    work: { at: '2026-01-20T10:12:03Z', subject: 'hash passwords with argon2id, keep verifying bcrypt', files: ['src/auth/passwords.py', 'tests/test_passwords.py'] },
    body: `## Problem

Passwords are hashed with bcrypt at cost 10, below current guidance. New hashes should use
argon2id; existing bcrypt hashes must keep working and be upgraded on the next login.

${ac(
  '- [x] `hash_password` produces argon2id hashes (t=3, m=64 MiB, p=2)',
  '- [x] `verify_password` accepts both argon2id and legacy `$2b$` hashes',
  '- [x] `needs_rehash` is true for bcrypt hashes',
  '- [x] Unit test for the round trip',
)}`,
  },
  {
    id: '2026-01-20-002-m7q',
    title: 'Rate-limit failed logins',
    created: '2026-01-20T09:20:00Z',
    fm: { type: 'code', status: 'completed', labels: ['auth', 'security'], target_files: ['src/auth/rate_limit.py', 'src/auth/routes.py'], completed_at: '2026-01-20T13:41:55Z', model: 'sonnet' },
    work: { at: '2026-01-20T13:39:20Z', subject: 'sliding-window limit of 5 failed logins per 15 minutes', files: ['src/auth/rate_limit.py', 'tests/test_rate_limit.py'] },
    body: `## Problem

The login endpoint accepts unlimited attempts, so credential stuffing goes unnoticed.

${ac(
  '- [x] At most 5 failed attempts per client IP and email within 15 minutes',
  '- [x] The sixth attempt gets HTTP 429 with a retry hint',
  '- [x] A successful login resets the counter',
)}`,
  },
  {
    id: '2026-01-20-003-x2a',
    title: 'Paginate the user search API',
    created: '2026-01-20T09:31:00Z',
    fm: { type: 'code', status: 'completed', labels: ['users', 'api'], target_files: ['src/users/search.py', 'src/users/routes.py'], completed_at: '2026-01-20T15:07:12Z', model: 'haiku' },
    work: { at: '2026-01-20T15:05:48Z', subject: 'paginate user search with a page size cap of 100', files: ['src/users/search.py'] },
    body: `## Problem

\`GET /users?q=\` returns every match; the support console times out for common names.

${ac(
  '- [x] `page` and `page_size` query parameters, page size capped at 100',
  '- [x] The response carries `total` and `page`',
  '- [x] Results are ordered by ID so pages are stable',
)}`,
  },
  // ── 2026-01-21 ──────────────────────────────────────────────────────────────
  {
    id: '2026-01-21-001-b8r',
    title: 'Queue order confirmation emails instead of sending them inline',
    created: '2026-01-21T08:40:00Z',
    fm: { type: 'code', status: 'completed', labels: ['notifications'], target_files: ['src/notifications/queue.py', 'src/notifications/worker.py', 'src/notifications/events.py'], completed_at: '2026-01-21T11:26:30Z', model: 'sonnet' },
    work: { at: '2026-01-21T11:23:14Z', subject: 'outbox queue and worker for notification emails', files: ['src/notifications/queue.py', 'src/notifications/worker.py', 'src/notifications/events.py'] },
    body: `## Problem

Checkout waits for the SMTP server. When it is slow, checkout requests time out even though
the payment went through.

${ac(
  '- [x] Events are written to an outbox table and return immediately',
  '- [x] A worker drains the outbox and marks messages sent',
  '- [x] Unknown channels are logged and skipped, not retried forever',
)}`,
  },
  {
    id: '2026-01-21-002-f4t',
    title: 'Render invoice PDFs off the request thread',
    created: '2026-01-21T09:05:00Z',
    fm: { type: 'code', status: 'completed', labels: ['billing', 'performance'], target_files: ['src/billing/pdf.py'], completed_at: '2026-01-21T14:52:09Z', model: 'sonnet' },
    work: { at: '2026-01-21T14:49:33Z', subject: 'render invoices on a two-thread pool', files: ['src/billing/pdf.py'] },
    body: `## Problem

Rendering an invoice takes 1–3 s and happens inside \`POST /billing/invoices\`.

${ac(
  '- [x] Rendering runs on a bounded thread pool',
  '- [x] The endpoint returns before rendering finishes',
)}`,
  },
  {
    id: '2026-01-21-003-h9w',
    title: 'Audit log for role changes',
    created: '2026-01-21T10:12:00Z',
    fm: { type: 'code', status: 'cancelled', labels: ['auth', 'compliance'] },
    body: `## Problem

Finance asked who made a support agent an admin last week; we cannot tell.

Cancelled: covered by the audit trail in 2026-01-26-004-imp, which records every
privileged action, not only role changes.

${ac(
  '- [ ] Every role change is recorded with actor, target, old and new role',
  '- [ ] The log is append-only',
)}`,
  },
  {
    id: '2026-01-21-004-zq1',
    title: 'Support TOTP two-factor login',
    created: '2026-01-21T15:30:00Z',
    fm: { type: 'code', status: 'in_progress', labels: ['auth', 'security'], target_files: ['src/auth/totp.py', 'src/auth/routes.py'], branch: 'chant/2026-01-21-004-zq1', model: 'sonnet' },
    body: `## Problem

Admin and finance accounts are protected by a password only.

${ac(
  '- [x] Generate a TOTP secret and provisioning URI per user',
  '- [x] Verify 6-digit codes with one step of clock drift',
  '- [ ] Require a code at login for users who enabled it',
  '- [ ] Ten single-use recovery codes',
  '- [ ] Admin and finance roles cannot disable it',
)}`,
  },
  // ── 2026-01-22 ──────────────────────────────────────────────────────────────
  {
    id: '2026-01-22-001-c5n',
    title: 'Expire password reset tokens after 30 minutes',
    created: '2026-01-22T08:15:00Z',
    fm: { type: 'code', status: 'completed', labels: ['auth', 'security'], target_files: ['src/auth/tokens.py'], completed_at: '2026-01-22T09:48:26Z', model: 'haiku' },
    work: { at: '2026-01-22T09:46:01Z', subject: 'signed reset tokens that expire after 30 minutes', files: ['src/auth/tokens.py'] },
    body: `## Problem

Reset links never expire. A link forwarded or left in a mailbox works forever.

${ac(
  '- [x] Tokens are signed with the secret key',
  '- [x] Tokens older than 30 minutes are rejected',
  '- [x] The reset email says how long the link is valid',
)}`,
  },
  {
    id: '2026-01-22-002-d2v',
    title: 'Retry failed Stripe webhooks with exponential backoff',
    created: '2026-01-22T10:02:00Z',
    fm: { type: 'code', status: 'failed', labels: ['billing', 'reliability'], target_files: ['src/billing/stripe_webhooks.py', 'src/notifications/queue.py'], model: 'sonnet' },
    body: `## Problem

When our handler raises, Stripe retries on its own schedule for three days, and an outage
of the database during that time loses the event. Handle events through our own retry queue.

${ac(
  '- [ ] Events are stored before processing and acknowledged to Stripe at once',
  '- [ ] Failed events are retried with exponential backoff (1 min to 6 h)',
  '- [ ] After 10 failures an event is parked and finance is notified',
  '- [ ] Processing is idempotent per event ID',
)}`,
  },
  {
    id: '2026-01-22-003-e6y',
    title: 'Deduplicate user accounts by normalized email',
    created: '2026-01-22T11:47:00Z',
    fm: { type: 'code', status: 'needs_attention', labels: ['users', 'data'], target_files: ['src/users/models.py', 'src/users/repository.py'], model: 'sonnet' },
    body: `## Problem

\`Jane.Doe+shop@example.com\` and \`jane.doe@example.com\` are two accounts. About 1.8% of
accounts have a duplicate by normalized email.

${ac(
  '- [x] `User.normalized_email` lower-cases and strips `+tags`',
  '- [ ] A migration report lists duplicate groups without merging anything',
  '- [ ] Sign-up rejects an email whose normalized form exists',
)}

## Review notes

Output validation failed: the migration report was written as free text instead of the
CSV the output schema asks for. Needs a human decision on the merge policy before a re-run.`,
  },
  {
    id: '2026-01-22-004-g1s',
    title: 'Add an SMS channel for notifications',
    created: '2026-01-22T14:20:00Z',
    fm: { type: 'code', status: 'pending', depends_on: ['2026-01-23-006-phn'], labels: ['notifications'], target_files: ['src/notifications/channels/sms_channel.py'] },
    body: `## Problem

Password reset and two-factor codes should be deliverable by SMS. Needs verified phone
numbers first.

${ac(
  '- [ ] An \`SmsChannel\` implementing \`send(recipient, payload)\`',
  '- [ ] Messages longer than 160 characters are refused, not split',
  '- [ ] The provider is configured from the environment',
)}`,
  },
  // ── 2026-01-23 ──────────────────────────────────────────────────────────────
  {
    id: '2026-01-23-001-j4u',
    title: 'Use csv.DictWriter for revenue exports',
    created: '2026-01-23T08:10:00Z',
    fm: { type: 'code', status: 'completed', labels: ['reporting'], target_files: ['src/reporting/exports.py'], completed_at: '2026-01-23T09:12:44Z', model: 'haiku' },
    work: { at: '2026-01-23T09:10:31Z', subject: 'build revenue CSV with csv.DictWriter', files: ['src/reporting/exports.py'] },
    body: `## Problem

The export joins strings with commas; a currency name with a comma breaks the file.

${ac(
  '- [x] Exports are written with `csv.DictWriter`',
  '- [x] Columns: `day`, `currency`, `gross`',
)}`,
  },
  {
    id: '2026-01-23-002-p8e',
    title: 'Convert the monthly revenue report to the shop currency',
    created: '2026-01-23T09:35:00Z',
    fm: { type: 'code', status: 'pending', labels: ['reporting'], target_files: ['src/reporting/revenue.py'] },
    body: `## Problem

Finance adds EUR and USD totals by hand every month. The report should also show one total
in the shop currency, using the ECB rate of each invoice's day.

${ac(
  '- [ ] `monthly_revenue` returns per-currency totals and a converted total',
  '- [ ] Rates are cached per day',
  '- [ ] Missing rates are reported, not silently treated as 1.0',
)}`,
  },
  {
    id: '2026-01-23-003-r3k',
    title: 'Introduce a PaymentProvider interface',
    created: '2026-01-23T10:50:00Z',
    fm: { type: 'code', status: 'pending', labels: ['billing', 'refactor'], target_files: ['src/billing/payments.py', 'src/billing/providers/base.py'] },
    body: `## Problem

\`charge_invoice\` calls Stripe directly, so adding a second provider means touching every
caller.

${ac(
  '- [ ] A `PaymentProvider` protocol with `charge`, `refund` and `parse_webhook`',
  '- [ ] Stripe moves behind it without behaviour changes',
  '- [ ] The provider is chosen per plan from configuration',
)}`,
  },
  {
    id: '2026-01-23-004-s7m',
    title: 'Add PayPal as a payment provider',
    created: '2026-01-23T11:05:00Z',
    fm: { type: 'code', status: 'blocked', depends_on: ['2026-01-23-003-r3k'], labels: ['billing'], target_files: ['src/billing/providers/paypal.py'] },
    body: `## Problem

A third of checkout abandonments in DE and NL happen on the card form. Offer PayPal.

${ac(
  '- [ ] `PayPalProvider` implements `PaymentProvider`',
  '- [ ] Webhooks are verified with PayPal\'s certificate check',
  '- [ ] Refunds work for partial amounts',
)}`,
  },
  {
    id: '2026-01-23-005-t0b',
    title: 'GDPR data export for user accounts',
    created: '2026-01-23T13:30:00Z',
    fm: { type: 'code', status: 'pending', labels: ['users', 'compliance'], target_files: ['src/users/export.py'], approval: { required: true, status: 'pending' } },
    body: `## Problem

Data subject access requests are answered by hand from the database. Article 15 requires an
answer within a month; we took six weeks twice last year.

${ac(
  '- [ ] One JSON document per user with profile, orders, invoices and notification history',
  '- [ ] Requested from the account page, delivered by a time-limited link',
  '- [ ] Legal has reviewed the field list',
)}`,
  },
  {
    id: '2026-01-23-006-phn',
    title: 'Store verified phone numbers on user profiles',
    created: '2026-01-23T15:02:00Z',
    fm: { type: 'code', status: 'pending', labels: ['users'], target_files: ['src/users/models.py', 'src/users/phone.py'] },
    body: `## Problem

We have no phone numbers, so SMS notifications and SMS second factors are impossible.

${ac(
  '- [ ] `phone_e164` and `phone_verified_at` columns',
  '- [ ] Numbers are normalized to E.164 on input',
  '- [ ] Verification by a 6-digit code that expires after 10 minutes',
)}`,
  },
  // ── 2026-01-24 ──────────────────────────────────────────────────────────────
  {
    id: '2026-01-24-001-v9c',
    title: 'Document the notification templates',
    created: '2026-01-24T08:30:00Z',
    // Completed by hand (no agent run), so it has a completion date but no commits.
    fm: { type: 'documentation', status: 'completed', labels: ['docs'], target_files: ['docs/notifications.md'], completed_at: '2026-01-24T10:05:00Z', tracks: ['src/notifications/templates/*.html'] },
    body: `## Problem

Support keeps asking which emails exist and what they contain.

${ac(
  '- [x] One table row per template: when it is sent and its variables',
  '- [x] How subjects are set',
)}`,
  },
  {
    id: '2026-01-24-002-w5h',
    title: 'Cache permission checks per request',
    created: '2026-01-24T09:15:00Z',
    fm: { type: 'code', status: 'paused', labels: ['auth', 'performance'], target_files: ['src/auth/permissions.py'], branch: 'chant/2026-01-24-002-w5h', model: 'sonnet' },
    body: `## Problem

The reporting pages call \`can()\` several hundred times per request.

Paused: profiling after the query fix (2026-01-28-002-mrq) may make this unnecessary.

${ac(
  '- [x] Measure how often `can()` runs per request',
  '- [ ] Memoize results per request',
  '- [ ] No cross-request caching of permissions',
)}`,
  },
  {
    id: '2026-01-24-003-y2j',
    title: 'Move sessions from process memory to Redis',
    created: '2026-01-24T11:40:00Z',
    fm: { type: 'code', status: 'pending', labels: ['auth', 'infra'], target_files: ['src/auth/sessions.py'] },
    body: `## Problem

Sessions live in a dict in each worker process: a deploy signs everyone out and a second
worker does not see the first one's sessions.

${ac(
  '- [ ] Sessions are stored in Redis with the session TTL',
  '- [ ] `get_session` refreshes nothing; expiry stays server-side',
  '- [ ] Falls back to memory when `REDIS_URL` is unset (development only)',
)}`,
  },
  {
    id: '2026-01-24-004-a6l',
    title: 'Rotate session signing keys without logging users out',
    created: '2026-01-24T13:10:00Z',
    fm: { type: 'code', status: 'pending', depends_on: ['2026-01-24-003-y2j'], labels: ['auth', 'security'], target_files: ['src/auth/tokens.py'] },
    body: `## Problem

Rotating \`SECRET_KEY\` invalidates every session and reset link at once.

${ac(
  '- [ ] Tokens carry a key ID',
  '- [ ] The previous key verifies for one session TTL after rotation',
  '- [ ] Rotation is documented in the runbook',
)}`,
  },
  // ── 2026-01-25 ──────────────────────────────────────────────────────────────
  {
    id: '2026-01-25-001-n1f',
    title: 'Add an unsubscribe link to marketing emails',
    created: '2026-01-25T08:05:00Z',
    fm: { type: 'code', status: 'completed', labels: ['notifications', 'compliance'], target_files: ['src/notifications/templates/marketing_footer.html'], completed_at: '2026-01-25T08:51:18Z', model: 'haiku' },
    work: { at: '2026-01-25T08:49:40Z', subject: 'one-click unsubscribe footer for marketing emails', files: ['src/notifications/templates/marketing_footer.html'] },
    body: `## Problem

Marketing emails have no unsubscribe link, which mailbox providers now require.

${ac(
  '- [x] A footer template with an unsubscribe link',
  '- [x] The link works without signing in',
)}`,
  },
  {
    id: '2026-01-25-002-q4g',
    title: 'Prorate plan changes mid-cycle',
    created: '2026-01-25T09:25:00Z',
    fm: { type: 'code', status: 'pending', depends_on: ['2026-01-22-002-d2v'], labels: ['billing'], target_files: ['src/billing/plans.py', 'src/billing/invoice.py'] },
    body: `## Problem

Upgrading from Starter to Growth on day 20 charges a full month of Growth. Proration needs
reliable webhook handling first, since credits are issued from \`invoice.paid\`.

${ac(
  '- [ ] Upgrades charge the difference for the rest of the cycle',
  '- [ ] Downgrades issue a credit on the next invoice',
  '- [ ] Invoices show the proration as its own line',
)}`,
  },
  {
    id: '2026-01-25-003-i3z',
    title: 'Weekly report uses UTC week boundaries instead of shop time',
    created: '2026-01-25T10:45:00Z',
    fm: { type: 'code', status: 'completed', labels: ['reporting', 'bug'], target_files: ['src/reporting/schedules.py'], completed_at: '2026-01-25T12:03:52Z', model: 'sonnet' },
    work: { at: '2026-01-25T12:01:15Z', subject: 'compute weekly report boundaries in Europe/Berlin', files: ['src/reporting/schedules.py'] },
    body: `## Problem

Orders placed on Sunday between 23:00 and 24:00 Berlin time land in the next week's report.

${ac(
  '- [x] Weeks run Monday 00:00 to Sunday 23:59:59.999999 in Europe/Berlin',
  '- [x] Correct across the DST change in March and October',
)}`,
  },
  {
    id: '2026-01-25-004-u8d',
    title: 'Evaluate WeasyPrint for invoice PDFs',
    created: '2026-01-25T14:00:00Z',
    fm: { type: 'research', status: 'pending', labels: ['billing', 'research'], informed_by: ['src/billing/pdf.py', 'docs/architecture.md'], target_files: ['docs/research/invoice-pdf-rendering.md'] },
    body: `## Question

Invoices are rendered to HTML and converted by an external service that costs 0.4 ct per
page. Can WeasyPrint in the worker produce the same output at acceptable speed?

${ac(
  '- [ ] Render the 20 reference invoices with WeasyPrint and compare visually',
  '- [ ] p95 render time on the worker size we use',
  '- [ ] Recommendation with the cost difference per month',
)}`,
  },
  // ── 2026-01-26 ──────────────────────────────────────────────────────────────
  {
    id: '2026-01-26-001-o7x',
    title: 'Add a request ID to every log line',
    created: '2026-01-26T08:20:00Z',
    fm: { type: 'task', status: 'completed', labels: ['observability'], target_files: ['src/logging_setup.py'], completed_at: '2026-01-26T09:02:27Z', model: 'haiku' },
    work: { at: '2026-01-26T09:00:58Z', subject: 'request ID context variable and log filter', files: ['src/logging_setup.py'] },
    body: `## Problem

Log lines of concurrent requests interleave and cannot be told apart.

${ac(
  '- [x] Every log line carries `[request_id]`',
  '- [x] An incoming `X-Request-ID` header is reused',
)}`,
  },
  {
    id: '2026-01-26-002-l2p',
    title: 'Remove the legacy v1 billing endpoints',
    created: '2026-01-26T09:10:00Z',
    fm: { type: 'code', status: 'cancelled', labels: ['billing', 'cleanup'] },
    body: `## Problem

\`/v1/billing/*\` duplicates the current endpoints.

Cancelled: two enterprise customers still call \`/v1/billing/invoices\`; revisit after
their contract renewal in Q3.

${ac('- [ ] Remove `/v1/billing/*` and its tests')}`,
  },
  {
    // Deliberately broken: `done` is not a status chant knows, so chant skips this file.
    id: BROKEN_SPEC,
    title: 'Dark-mode variants of the email templates',
    created: '2026-01-26T10:30:00Z',
    fm: { type: 'code', status: 'done', labels: ['notifications', 'design'], target_files: ['src/notifications/templates/'] },
    body: `## Problem

Our emails render as white boxes in dark-mode mail clients.

${ac(
  '- [x] `prefers-color-scheme: dark` styles in every template',
  '- [x] Logo with a transparent background',
)}`,
  },
  {
    id: '2026-01-26-004-imp',
    title: 'Admin impersonation with an audit trail',
    created: '2026-01-26T11:55:00Z',
    fm: { type: 'code', status: 'pending', labels: ['auth', 'support', 'compliance'], target_files: ['src/auth/impersonation.py', 'src/auth/audit.py'], approval: { required: true, status: 'rejected', by: 'Priya Raman', at: '2026-01-27T09:12:00Z' } },
    body: `## Problem

Support reproduces customer problems by asking for screenshots. Let support agents act as
a customer, with every action recorded.

${ac(
  '- [ ] Support can start an impersonation session from the console',
  '- [ ] Impersonation sessions cannot change passwords, 2FA or payment methods',
  '- [ ] Every privileged action is written to an append-only audit log',
)}

## Approval Discussion

**Priya Raman** (2026-01-27): Rejected for now. Impersonation must require the customer's
consent per session, and legal needs to see the audit log format first.`,
  },
  {
    id: '2026-01-26-005-bdu',
    title: 'Bulk-delete accounts inactive for three years',
    created: '2026-01-26T14:40:00Z',
    fm: { type: 'task', status: 'pending', labels: ['users', 'compliance'], target_files: ['src/users/retention.py'], approval: { required: true, status: 'approved', by: 'Priya Raman', at: '2026-01-27T09:20:00Z' } },
    body: `## Problem

The retention policy says accounts without a login for three years are deleted; nothing
does it.

${ac(
  '- [ ] Dry-run mode listing accounts that would be deleted',
  '- [ ] Accounts with unpaid invoices are kept',
  '- [ ] Owners get a warning email 30 days before deletion',
)}`,
  },
  // ── 2026-01-27 ──────────────────────────────────────────────────────────────
  {
    id: RESEARCH_SPEC,
    title: 'Analyze coupling between reporting and billing',
    created: '2026-01-27T08:45:00Z',
    fm: {
      type: 'research', status: 'completed', labels: ['architecture', 'research'],
      target_files: ['docs/research/reporting-billing-coupling.md'],
      completed_at: '2026-01-28T15:10:24Z', model: 'opus',
      informed_by: ['docs/architecture.md', 'src/reporting/**/*.py'],
      origin: ['src/billing/**/*.py'],
    },
    work: { at: '2026-01-28T15:07:51Z', subject: 'coupling findings for reporting and billing', files: ['docs/research/reporting-billing-coupling.md'] },
    body: `## Question

Every billing schema change breaks a report. Which parts of \`src/reporting\` depend on
billing internals, and what would it take to give reporting its own service?

${ac(
  '- [x] Every import and SQL dependency from reporting on billing, with a risk rating',
  '- [x] A split into steps, saying which steps can run in parallel',
  '- [x] Findings written to `docs/research/reporting-billing-coupling.md`',
)}`,
  },
  {
    id: '2026-01-27-002-wsv',
    title: 'Verify Stripe webhook signatures',
    created: '2026-01-27T09:30:00Z',
    fm: { type: 'code', status: 'completed', labels: ['billing', 'security'], target_files: ['src/billing/stripe_webhooks.py'], completed_at: '2026-01-27T10:44:16Z', model: 'sonnet' },
    work: { at: '2026-01-27T10:41:02Z', subject: 'verify Stripe-Signature before handling webhook events', files: ['src/billing/stripe_webhooks.py'] },
    body: `## Problem

The webhook endpoint trusts any POST. Anyone who knows the URL can mark invoices paid.

${ac(
  '- [x] Events are verified with `stripe.Webhook.construct_event`',
  '- [x] Invalid signatures get HTTP 400 and are not processed',
  '- [x] Unhandled event types are acknowledged and ignored',
)}`,
  },
  {
    id: '2026-01-27-003-rbk',
    title: 'Write the billing on-call runbook',
    created: '2026-01-27T13:15:00Z',
    // Marked completed by hand without a completion date: drift cannot tell since when.
    fm: { type: 'documentation', status: 'completed', labels: ['docs', 'billing'], target_files: ['docs/runbooks/billing.md'], tracks: ['src/billing/payments.py', 'src/billing/stripe_webhooks.py'] },
    body: `## Problem

On-call engineers do not know how to replay a webhook or refund a double charge.

${ac(
  '- [x] Replaying a Stripe event',
  '- [x] Refunding a double charge',
  '- [x] Who to page in finance',
)}`,
  },
  // ── 2026-01-28 ──────────────────────────────────────────────────────────────
  {
    id: DOC_SPEC,
    title: 'Document system architecture',
    created: '2026-01-28T08:30:00Z',
    fm: {
      type: 'documentation', status: 'completed', labels: ['docs', 'architecture'],
      target_files: ['docs/architecture.md'],
      completed_at: '2026-01-28T11:20:00Z', model: 'sonnet',
      // The first pattern is the one the team wrote first; chant's glob does not expand
      // braces, so the per-module patterns below were added to make drift work.
      tracks: [
        'src/{auth,users,billing,reporting,notifications}/**/*.py',
        'src/auth/**/*.py',
        'src/users/**/*.py',
        'src/billing/**/*.py',
        'src/reporting/**/*.py',
        'src/notifications/**/*.py',
      ],
    },
    work: { at: '2026-01-28T11:16:42Z', subject: 'architecture overview of the five modules', files: ['docs/architecture.md'] },
    agentOutput: `I'll start by reading the five modules under src/ and how app.py mounts them.
Read src/app.py, src/auth/routes.py, src/users/repository.py, src/billing/invoice.py,
src/reporting/queries.py, src/notifications/events.py.
reporting/queries.py runs SQL directly on the invoices and users tables; noting that as
the main coupling.
Wrote docs/architecture.md: module table, login flow, billing, reporting, notifications.
All acceptance criteria met.`,
    body: `## Problem

New engineers learn the system by reading all of \`src/\`. Write down the modules, who owns
which tables, how a login flows through the code, and where the modules are coupled.

${ac(
  '- [x] One section per module: what it owns and what others may call',
  '- [x] The login request flow, step by step',
  '- [x] Known coupling between modules called out',
  '- [x] Written to `docs/architecture.md`',
)}`,
  },
  {
    id: '2026-01-28-002-mrq',
    title: 'Speed up the monthly revenue query',
    created: '2026-01-28T13:05:00Z',
    fm: { type: 'code', status: 'pending', labels: ['reporting', 'performance'], target_files: ['src/reporting/queries.py'] },
    body: `## Problem

\`GET /reports/revenue/2025/12\` takes 9 s: \`REVENUE_BY_DAY\` scans all invoices because
\`issued_on\` has no index.

${ac(
  '- [ ] Index on `invoices(issued_on, currency)`',
  '- [ ] The December report renders in under 500 ms on a production snapshot',
)}`,
  },
  // ── 2026-01-29: the reporting extraction (a driver and its members) ─────────
  {
    id: DRIVER,
    title: 'Extract reporting into its own service',
    created: '2026-01-29T09:00:00Z',
    fm: {
      type: 'driver', status: 'pending', depends_on: [RESEARCH_SPEC], labels: ['architecture', 'reporting'],
      members: [`${DRIVER}.1`, `${DRIVER}.2`, `${DRIVER}.3`, `${DRIVER}.4`],
    },
    body: `## Problem

The coupling research (${RESEARCH_SPEC}) found that reporting reads billing's tables with
raw SQL and imports billing internals. Move reporting behind a contract so billing can
change its schema freely.

## Plan

Members 1–3 are independent and run in parallel; member 4 switches over once all three are
done.

1. Define the reporting data contract
2. Move report scheduling and exports into the reporting service package
3. Add a read-only billing client for reporting
4. Switch the API to the reporting service and remove the old module

${ac(
  '- [ ] All four members completed',
  '- [ ] `src/reporting` no longer imports from `src/billing`',
  '- [ ] No SQL in reporting touches billing tables',
)}`,
  },
  {
    id: `${DRIVER}.1`,
    title: 'Define the reporting data contract',
    created: '2026-01-29T09:04:00Z',
    fm: { type: 'code', status: 'pending', depends_on: [], labels: ['reporting'], target_files: ['src/reporting/contract.py'] },
    body: `## Problem

Reporting needs invoice and user-activity facts without knowing billing's tables.

${ac(
  '- [ ] `InvoiceFact` and `UserActivityFact` dataclasses with a schema version',
  '- [ ] Money as `Decimal` plus currency, never floats',
  '- [ ] Contract documented in the module docstring',
)}`,
  },
  {
    id: `${DRIVER}.2`,
    title: 'Move report scheduling and exports into the reporting service package',
    created: '2026-01-29T09:04:00Z',
    fm: { type: 'code', status: 'pending', depends_on: [], labels: ['reporting'], target_files: ['src/reporting/service/schedules.py', 'src/reporting/service/exports.py'] },
    body: `## Problem

Scheduling and CSV exports have no billing dependency and can move first.

${ac(
  '- [ ] `src/reporting/service/` package with `schedules.py` and `exports.py`',
  '- [ ] Old import paths re-export the new ones until member 4',
  '- [ ] Tests pass unchanged',
)}`,
  },
  {
    id: `${DRIVER}.3`,
    title: 'Add a read-only billing client for reporting',
    created: '2026-01-29T09:04:00Z',
    fm: { type: 'code', status: 'pending', depends_on: [], labels: ['reporting', 'billing'], target_files: ['src/billing/reporting_api.py', 'src/reporting/billing_client.py'] },
    body: `## Problem

Reporting runs SQL on \`invoices\`. Billing should expose the facts reporting needs instead.

${ac(
  '- [ ] `billing.reporting_api.invoice_facts(start, end)` returns contract-shaped rows',
  '- [ ] `reporting.billing_client` calls it; no SQL on billing tables',
  '- [ ] Read-only: the client cannot modify billing data',
)}`,
  },
  {
    id: `${DRIVER}.4`,
    title: 'Switch the API to the reporting service and remove the old module',
    created: '2026-01-29T09:04:00Z',
    fm: { type: 'code', status: 'pending', depends_on: [`${DRIVER}.1`, `${DRIVER}.2`, `${DRIVER}.3`], labels: ['reporting'], target_files: ['src/reporting/routes.py', 'src/reporting/revenue.py', 'src/reporting/queries.py'] },
    body: `## Problem

With the contract, the moved modules and the billing client in place, the routes can switch
over and the old code can go.

${ac(
  '- [ ] Routes use the service package and the billing client',
  '- [ ] `src/reporting/queries.py` is deleted',
  '- [ ] Monthly report output is byte-identical for December 2025',
)}`,
  },
  {
    id: '2026-01-29-002-slk',
    title: 'Notify finance on Slack when a payout fails',
    created: '2026-01-29T14:30:00Z',
    fm: { type: 'code', status: 'pending', labels: ['notifications', 'billing'], target_files: ['src/notifications/channels/slack_channel.py'] },
    body: `## Problem

Failed payouts are noticed at month end. Finance wants a Slack message when one fails.

${ac(
  '- [ ] A Slack channel posting to a webhook URL from the environment',
  '- [ ] `payout.failed` events produce a message with amount and reason',
)}`,
  },
  // ── 2026-01-30 ──────────────────────────────────────────────────────────────
  {
    id: '2026-01-30-001-gso',
    title: 'Sign in with Google',
    created: '2026-01-30T08:10:00Z',
    fm: { type: 'code', status: 'completed', labels: ['auth'], target_files: ['src/auth/google.py', 'src/auth/routes.py', 'src/users/models.py'], completed_at: '2026-01-30T10:37:05Z', model: 'sonnet' },
    // Its agent commit changes src/auth/routes.py after the architecture docs were written.
    work: { at: '2026-01-30T10:33:47Z', subject: 'Google OAuth sign-in and session refresh', files: 'google-oauth', author: 'Sam Okafor <sam@demo-shop.example>' },
    body: `## Problem

A quarter of sign-up attempts are abandoned at the password step. Offer Google sign-in.

${ac(
  '- [x] `/auth/google/start` and `/auth/google/callback` with a state cookie',
  '- [x] Only verified Google emails are accepted',
  '- [x] Existing accounts are linked by email; new ones are created',
  '- [x] Sessions close to expiry are refreshed on `/auth/session`',
)}`,
  },
  {
    id: '2026-01-30-002-lng',
    title: 'Send receipts in the customer\'s language',
    created: '2026-01-30T15:45:00Z',
    fm: { type: 'code', status: 'pending', labels: ['notifications', 'i18n'], target_files: ['src/notifications/email.py'] },
    body: `## Problem

Receipts are always English; 40% of customers use the German shop.

${ac(
  '- [ ] Templates per language with English as the fallback',
  '- [ ] The language comes from the user\'s profile, not the browser',
)}`,
  },
];
