// The payguard risk console: plain modules, the public APIs only (payment service on this origin, risk
// service at config.riskUrl), with the API key the analyst signs in with (kept in sessionStorage).

const KEY = 'payguard.apiKey';
const FEED_ROWS = 200;
const MINUTES = 15;
const $ = (id) => document.getElementById(id);

const state = { key: null, me: null, riskUrl: null, counts: { APPROVED: 0, REVIEW: 0, DECLINED: 0 },
  minutes: new Map(), stream: null, queue: new Map() };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(base, path, options = {}) {
  const headers = { Authorization: `Bearer ${state.key}`, ...(options.headers || {}) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(base + path, { method: options.method || 'GET', headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}
const payments = (path, options) => call('', path, options);
const risk = (path, options) => call(state.riskUrl, path, options);
const may = (scope) => state.me && state.me.scopes.includes(scope);

const short = (id) => id ? id.slice(0, 8) : '';
const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour12: false });
const reasonsText = (reasons) => (reasons || []).map((r) => r.action ? `${r.code} (${r.action})` : `${r.code} +${r.points}`).join(', ');

// --- sign in -----------------------------------------------------------------------------------------

async function signIn(key) {
  state.key = key;
  try {
    state.me = await payments('/me');
  } catch (e) {
    state.key = null;
    sessionStorage.removeItem(KEY);
    const message = e.status === 401 ? 'That API key is not valid.' : `Signing in failed: ${e.message}`;
    $('sign-in-error').textContent = message;
    $('sign-in-error').hidden = false;
    return;
  }
  sessionStorage.setItem(KEY, key);
  $('sign-in-error').hidden = true;
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = state.me.name;
  $('who-scopes').textContent = `(${state.me.scopes.join(', ')})`;
  for (const node of document.querySelectorAll('[data-scope]')) node.hidden = !may(node.dataset.scope);
  for (const node of document.querySelectorAll('[data-scope-missing]')) node.hidden = may(node.dataset.scopeMissing);
  if (!may('payments.read')) return; // nothing here to show: the panels say so
  startFeed();
  loadQueue();
  loadRules();
}

function signOut() {
  sessionStorage.removeItem(KEY);
  if (state.stream) state.stream.abort();
  location.reload();
}

// --- live feed: GET /events (server-sent events, read with fetch so the key goes in a header) --------

async function startFeed() {
  const controller = new AbortController();
  state.stream = controller;
  let last = null;
  let reconnected = false;
  for (;;) {
    try {
      const query = last === null ? '' : `?last_event_id=${last}`;
      const response = await fetch(`/events${query}`, { headers: { Authorization: `Bearer ${state.key}` },
        signal: controller.signal });
      if (!response.ok) throw new ApiError(response.status, null);
      $('stream-state').textContent = 'live';
      if (reconnected) loadQueue(); // what changed while the stream was down
      reconnected = true;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        // Lines may end in CRLF or CR as well (a proxy may rewrite them); a trailing CR waits for its LF.
        buffer = (buffer + value).replace(/\r\n|\r(?!$)/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseEvent(block);
          if (event && event.id !== null) last = event.id;
          if (event && event.data !== null) onEvent(JSON.parse(event.data));
        }
      }
    } catch (e) {
      if (controller.signal.aborted) return;
      if (e.status === 401 || e.status === 403) { $('stream-state').textContent = 'not allowed'; return; }
    }
    $('stream-state').textContent = 'reconnecting';
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function parseEvent(block) {
  let id = null;
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) id = line.slice(3).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  return id === null && !data.length ? null : { id, data: data.length ? data.join('\n') : null };
}

function onEvent(event) {
  const payment = event.data.payment;
  const status = payment.status;
  // Counters and chart count the risk service's decisions; a resolution after review moves the queue.
  if (event.data.previous_status === 'PENDING' && status in state.counts) {
    state.counts[status] += 1;
    $('count-approved').textContent = state.counts.APPROVED;
    $('count-review').textContent = state.counts.REVIEW;
    $('count-declined').textContent = state.counts.DECLINED;
    const minute = Math.floor(Date.parse(event.created_at) / 60000);
    const bucket = state.minutes.get(minute) || { APPROVED: 0, REVIEW: 0, DECLINED: 0 };
    bucket[status] += 1;
    state.minutes.set(minute, bucket);
    drawChart();
  }
  addFeedRow(payment, event);
  if (status === 'REVIEW') addToQueue(payment);
  else removeFromQueue(payment.payment_request_id);
}

function addFeedRow(payment, event) {
  const body = $('feed').tBodies[0];
  const row = el('tr', { 'data-payment': payment.payment_request_id, tabindex: '0',
      onclick: () => showDetail(payment.payment_request_id),
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); showDetail(payment.payment_request_id); } } },
    el('td', {}, el('time', { datetime: event.created_at }, clock(event.created_at))),
    el('td', { title: payment.user_id }, short(payment.user_id)),
    el('td', { title: payment.payee_id }, short(payment.payee_id)),
    el('td', { class: 'num' }, `${payment.amount} ${payment.currency}`),
    el('td', { class: 'num' }, payment.risk_score ?? ''),
    el('td', { class: `decision-${payment.status}` }, payment.status),
    el('td', { title: reasonsText(payment.decision_reasons) }, reasonsText(payment.decision_reasons)));
  body.prepend(row);
  while (body.rows.length > FEED_ROWS) body.deleteRow(body.rows.length - 1);
}

function drawChart() {
  const svg = $('chart');
  const now = Math.floor(Date.now() / 60000);
  let max = 1;
  for (let m = now - MINUTES + 1; m <= now; m++) {
    const b = state.minutes.get(m);
    if (b) max = Math.max(max, b.APPROVED + b.REVIEW + b.DECLINED);
  }
  const width = 600 / MINUTES;
  const bars = [];
  for (let i = 0; i < MINUTES; i++) {
    const b = state.minutes.get(now - MINUTES + 1 + i) || { APPROVED: 0, REVIEW: 0, DECLINED: 0 };
    let y = 120;
    for (const [status, css] of [['APPROVED', 'approved'], ['REVIEW', 'review'], ['DECLINED', 'declined']]) {
      const h = (b[status] / max) * 110;
      if (h > 0) {
        y -= h;
        const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        rect.setAttribute('x', i * width + 2);
        rect.setAttribute('y', y);
        rect.setAttribute('width', width - 4);
        rect.setAttribute('height', h);
        rect.setAttribute('class', css);
        const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
        title.textContent = `${b[status]} ${css}`;
        rect.append(title);
        bars.push(rect);
      }
    }
  }
  svg.replaceChildren(...bars);
}

// --- review queue: GET /payments?status=REVIEW (oldest first), approve or decline with a note ---------

async function loadQueue() {
  try {
    // The oldest 100 held payments; added to what the stream may have brought meanwhile, never replacing it.
    const page = await payments('/payments?status=REVIEW&limit=100');
    for (const payment of page) addToQueue(payment);
  } catch (e) {
    $('queue-empty').textContent = `The queue could not be read: ${e.message}`;
  }
  updateQueueCount();
}

function addToQueue(payment) {
  const id = payment.payment_request_id;
  if (state.queue.has(id)) return;
  const note = el('input', { type: 'text', id: `note-${id}`, required: 'required', maxlength: '500' });
  const error = el('p', { class: 'error', role: 'alert', hidden: 'hidden' });
  const buttons = [];
  const resolve = async (action) => {
    if (!note.value.trim()) { error.textContent = 'Write a note first.'; error.hidden = false; note.focus(); return; }
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await payments(`/payments/${id}/${action}`, { method: 'POST', body: { reason: note.value.trim() } });
      removeFromQueue(id);
    } catch (e) {
      error.textContent = e.status === 409 ? 'Already resolved elsewhere.' : e.message;
      error.hidden = false;
      if (e.status === 409) setTimeout(() => removeFromQueue(id), 1500);
      else buttons.forEach((b) => { b.disabled = false; });
    }
  };
  const history = el('ul', { class: 'history' }, el('li', { class: 'muted' }, 'loading the payer’s last day…'));
  const label = `${payment.amount} ${payment.currency} of ${clock(payment.created_at)}`;
  if (may('reviews')) {
    buttons.push(el('button', { type: 'button', 'data-action': 'approve', 'aria-label': `Approve ${label}`,
      onclick: () => resolve('approve') }, 'Approve'));
    buttons.push(el('button', { type: 'button', 'data-action': 'decline', 'aria-label': `Decline ${label}`,
      onclick: () => resolve('decline') }, 'Decline'));
  }
  const actions = buttons.length ? el('div', { class: 'actions' },
    el('label', { for: `note-${id}` }, 'Note', note), ...buttons) : null;
  const item = el('li', { 'data-payment': id },
    el('h3', {}, el('a', { href: `#${id}`, onclick: (e) => { e.preventDefault(); showDetail(id); } },
      `${payment.amount} ${payment.currency}`), ` · score ${payment.risk_score} · ${clock(payment.created_at)}`),
    el('ul', {}, (payment.decision_reasons || []).map((r) => el('li', {}, `${r.code} (+${r.points}): ${r.message}`))),
    el('p', { class: 'muted' }, `Payer ${short(payment.user_id)}, recent payments:`), history, actions, error);
  state.queue.set(id, item);
  $('queue-list').append(item);
  updateQueueCount();
  payerHistory(payment.user_id, id).then((rows) => history.replaceChildren(...rows));
}

async function payerHistory(user, except) {
  const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  try {
    const page = await payments(`/payments?user_id=${user}&created_from=${encodeURIComponent(since)}&limit=10`);
    const rows = page.filter((p) => p.payment_request_id !== except)
      .map((p) => el('li', {}, `${clock(p.created_at)} ${p.amount} ${p.currency} → ${short(p.payee_id)} `,
        el('span', { class: `decision-${p.status}` }, p.status)));
    return rows.length ? rows : [el('li', { class: 'muted' }, 'none in the last 24 hours')];
  } catch (e) {
    return [el('li', { class: 'error' }, e.message)];
  }
}

function removeFromQueue(id) {
  const item = state.queue.get(id);
  if (item) { item.remove(); state.queue.delete(id); }
  updateQueueCount();
}

function updateQueueCount() {
  $('queue-count').textContent = state.queue.size;
  $('queue-empty').hidden = state.queue.size > 0;
}

// --- payment detail: the payment, its assessment (each rule and its points), its status history -------

async function showDetail(id) {
  const body = $('detail-body');
  body.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  $('detail').hidden = false;
  try {
    const [payment, history, assessment] = await Promise.all([payments(`/payments/${id}`),
      payments(`/payments/${id}/history`),
      risk(`/assessments/${id}`).catch((e) => (e.status === 404 ? null : { error: e.message }))]);
    body.replaceChildren(
      el('dl', { class: 'facts' },
        el('dt', {}, 'Payment'), el('dd', {}, payment.payment_request_id),
        el('dt', {}, 'Payer → payee'), el('dd', {}, `${payment.user_id} → ${payment.payee_id}`),
        el('dt', {}, 'Amount'), el('dd', {}, `${payment.amount} ${payment.currency}`),
        el('dt', {}, 'Status'), el('dd', { class: `decision-${payment.status}` }, payment.status),
        el('dt', {}, 'Score'), el('dd', {}, payment.risk_score ?? '—'),
        el('dt', {}, 'Rules'), el('dd', {}, payment.rules_version ?? '—')),
      el('h3', {}, 'Assessment'),
      assessment && assessment.error ? el('p', { class: 'error' }, `The assessment could not be read: ${assessment.error}`)
      : assessment ? el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Rule'),
          el('th', { scope: 'col', class: 'num' }, 'Points'), el('th', { scope: 'col' }, 'Why'))),
        el('tbody', {}, assessment.reasons.map((r) => el('tr', {}, el('td', {}, r.code + (r.decided ? ' (decided)' : '')),
          el('td', { class: 'num' }, r.action ? r.action : r.points), el('td', { title: r.message }, r.message)))))
        : el('p', { class: 'muted' }, 'Not assessed yet.'),
      el('h3', {}, 'Status history'),
      el('ol', {}, history.changes.map((c) => el('li', {}, `${clock(c.at)} ${c.from ?? '—'} → ${c.to}`,
        c.by ? ` by ${c.by}` : '', c.on_behalf_of && c.on_behalf_of !== c.by ? ` for ${c.on_behalf_of}` : '',
        c.note ? `: ${c.note}` : ''))));
    $('detail').scrollIntoView({ block: 'nearest' });
    $('detail-title').focus();
  } catch (e) {
    body.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

// --- rules: the version in force, and a candidate tried with /rules/simulate ---------------------------

async function loadRules() {
  try {
    const rules = await risk('/rules');
    $('rules-version').textContent = rules.version;
    $('rules-loaded').textContent = new Date(rules.loaded_at).toLocaleString();
    $('rules-loaded').setAttribute('datetime', rules.loaded_at);
    $('rules-rejected').textContent = rules.rejected_reloads ? `(${rules.rejected_reloads} reloads refused)` : '';
    if (!$('candidate').value) $('candidate').value = JSON.stringify(rules.document, null, 2);
  } catch (e) {
    $('rules-version').textContent = `unavailable (${e.message})`;
  }
}

async function simulate(event) {
  event.preventDefault();
  const error = $('simulate-error');
  error.hidden = true;
  let document_;
  try {
    document_ = JSON.parse($('candidate').value);
  } catch (e) {
    error.textContent = 'The candidate is not valid JSON.';
    error.hidden = false;
    return;
  }
  $('simulation').replaceChildren(el('p', { class: 'muted' }, 'Simulating…'));
  try {
    const result = await risk('/rules/simulate', { method: 'POST',
      body: { rules: document_, last: Number($('last').value) } });
    $('simulation').replaceChildren(...simulationView(result));
  } catch (e) {
    const problems = e.problem && e.problem.errors ? e.problem.errors.map((p) => p.message) : [];
    error.textContent = [e.message, ...problems].join(' · ');
    error.hidden = false;
    $('simulation').replaceChildren();
  }
}

function simulationView(result) {
  const view = [el('p', { id: 'simulation-summary' }, `${result.changed} of ${result.evaluated} decisions would change `
    + `(${result.scores_changed} scores); candidate ${result.candidate_version}.`)];
  const transitions = Object.entries(result.transitions);
  if (transitions.length) view.push(el('ul', {}, transitions.map(([t, n]) => el('li', {}, `${t}: ${n}`))));
  const o = result.outcomes;
  if (o && o.labelled > 0) {
    const row = (name, p) => el('tr', {}, el('th', { scope: 'row' }, name), el('td', { class: 'num' }, p.precision ?? '—'),
      el('td', { class: 'num' }, p.recall ?? '—'), el('td', { class: 'num' }, p.fraud_declined + p.fraud_reviewed),
      el('td', { class: 'num' }, p.legitimate_declined + p.legitimate_reviewed));
    view.push(el('table', { id: 'backtest' }, el('caption', {}, `On ${o.labelled} labelled payments (${o.fraud} fraud)`),
      el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', { scope: 'col', class: 'num' }, 'Precision'),
        el('th', { scope: 'col', class: 'num' }, 'Recall'), el('th', { scope: 'col', class: 'num' }, 'Fraud flagged'),
        el('th', { scope: 'col', class: 'num' }, 'Legitimate flagged'))),
      el('tbody', {}, row('Candidate', o.candidate), row('In force', o.active))));
  } else {
    view.push(el('p', { class: 'muted' }, 'No labelled payments in this window: label outcomes to see precision and recall.'));
  }
  return view;
}

// --- start --------------------------------------------------------------------------------------------

async function start() {
  // Listeners first: the form must never submit itself (the key would end up in a URL).
  $('sign-in-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const key = $('api-key').value.trim();
    $('api-key').value = '';
    signIn(key);
  });
  $('sign-out').addEventListener('click', signOut);
  $('detail-close').addEventListener('click', () => { $('detail').hidden = true; $('feed').focus(); });
  $('simulate-form').addEventListener('submit', simulate);
  try {
    const response = await fetch('/console/config.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    state.riskUrl = (await response.json()).riskUrl;
  } catch (e) {
    $('sign-in-error').textContent = `The console's configuration could not be read (${e.message}); reload the page.`;
    $('sign-in-error').hidden = false;
    return;
  }
  setInterval(drawChart, 30000);
  const kept = sessionStorage.getItem(KEY);
  if (kept) signIn(kept);
  else $('api-key').focus();
}

start();
