// The sandbox page: who you are, what you see, and every click sent on as the request Slack would
// send. The server renders the bot's Block Kit; this script only asks for it and reads forms back.
import { actionFrom, emptyRequiredBlocks, interactiveElement, readViewState } from '/sandbox/render-client.js';

const allWords = JSON.parse(document.getElementById('words').textContent);
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const page = {
  as: params.get('as') ?? '',
  open: params.get('c') ?? '',
  generation: 0,
  me: undefined,
  zone: 'UTC',
  homeViewId: null,
  unread: new Set(),
};

const words = () => allWords[page.me?.locale ?? 'en'];
const word = (key, values = {}) => (words()[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name) => String(values[name] ?? ''));

async function getJson(path, query) {
  const response = await fetch(`${path}?${new URLSearchParams(query)}`);
  return response.json();
}

async function post(action, body) {
  const response = await fetch(`/sandbox/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: page.as, ...body }),
  });
  const answer = await response.json();
  if (!answer.ok && answer.error)
    toast(answer.error === 'not_a_command' ? word('sandbox.page.not_a_command') : word('sandbox.page.failed', { reason: answer.error }));
  return answer;
}

function toast(text) {
  const box = $('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (box.hidden = true), 8000);
}

function remember() {
  const query = new URLSearchParams({ as: page.as, ...(page.open ? { c: page.open } : {}) });
  history.replaceState(null, '', `/?${query}`);
}

function translatePage() {
  document.documentElement.lang = page.me?.locale ?? 'en';
  document.title = word('sandbox.page.title');
  for (const el of document.querySelectorAll('[data-word]')) el.textContent = word(el.dataset.word);
  $('composer-text').placeholder = word('sandbox.page.composer');
}

async function loadState() {
  const state = await getJson('/sandbox/api/state', { as: page.as });
  page.generation = state.generation;
  page.since ??= state.since;
  page.me = state.me;
  page.as = state.me?.id ?? '';
  page.zone = state.clock.zone;
  page.conversations = state.conversations;
  if (!page.conversations.some((c) => c.id === page.open) && page.open !== 'home') page.open = page.conversations[0]?.id ?? '';
  translatePage();
  const select = $('act-as');
  select.replaceChildren(
    ...state.people.map((p) => {
      const option = new Option(`${p.name} — ${word(`sandbox.page.role.${p.role}`)} · ${p.team}`, p.id);
      option.selected = p.id === page.as;
      return option;
    }),
  );
  $('who').textContent = page.me ? `${word(`sandbox.page.role.${page.me.role}`)} · ${page.me.team} · ${page.me.id}` : '';
  $('language').value = page.me?.locale ?? 'en';
  drawClock(state.clock.now, false);
  drawConversations();
  remember();
}

function drawConversations() {
  const list = $('conversations');
  const item = (id, label) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.conversation = id;
    button.textContent = label;
    button.setAttribute('aria-current', String(id === page.open));
    if (page.unread.has(id)) button.classList.add('sb-unread');
    li.append(button);
    return li;
  };
  const heading = (key) => Object.assign(document.createElement('li'), { className: 'sb-heading', textContent: word(key) });
  const dms = page.conversations.filter((c) => c.kind === 'dm');
  const channels = page.conversations.filter((c) => c.kind === 'channel');
  list.replaceChildren(
    item('home', `⌂ ${word('sandbox.page.home')}`),
    heading('sandbox.page.direct_messages'),
    ...dms.map((c) => item(c.id, `● ${c.name}`)),
    heading('sandbox.page.channels'),
    ...channels.map((c) => item(c.id, `# ${c.name}`)),
  );
}

function drawClock(iso, busy) {
  const at = new Date(iso);
  page.now = at;
  $('clock-now').dateTime = iso;
  $('clock-now').textContent = `${new Intl.DateTimeFormat(page.me?.locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone: page.zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at)} (${page.zone})`;
  $('clock-busy').hidden = !busy;
  for (const id of ['clock-hour', 'clock-day', 'clock-saturday', 'clock-jump']) $(id).disabled = busy;
}

/**
 * Counts what the pane was asked to show (another conversation, the Home, another person): an answer
 * that comes back after the pane moved on is dropped, so a slow answer never draws over a newer one.
 */
let paneShows = 0;

/** The conversation being read for the pane: a message that comes meanwhile is drawn after it, not under it. */
let conversationLoading;

async function openConversation(id) {
  const shows = ++paneShows;
  page.open = id;
  page.unread.delete(id);
  remember();
  drawConversations();
  const pane = $('pane');
  const conversation = page.conversations.find((c) => c.id === id);
  $('composer').hidden = id === 'home';
  if (id === 'home') {
    $('pane-title').textContent = `shiftdesk — ${word('sandbox.page.home')}`;
    pane.innerHTML = '';
    await post('home', {});
    return drawHome();
  }
  $('pane-title').textContent = conversation?.kind === 'channel' ? `# ${conversation.name}` : 'shiftdesk';
  const loading = getJson('/sandbox/api/conversation', { as: page.as, channel: id, since: page.since });
  conversationLoading = loading;
  try {
    const { html } = await loading;
    if (shows !== paneShows) return;
    pane.innerHTML = html || `<div class="sb-empty">${word('sandbox.page.empty')}</div>`;
    pane.scrollTop = pane.scrollHeight;
  } finally {
    if (conversationLoading === loading) conversationLoading = undefined;
  }
}

async function drawHome() {
  if (page.open !== 'home') return;
  const shows = paneShows;
  const { html, viewId } = await getJson('/sandbox/api/home', { as: page.as });
  if (shows !== paneShows) return;
  page.homeViewId = viewId;
  $('pane').innerHTML = html || `<div class="sb-empty">${word('sandbox.page.home_empty')}</div>`;
}

async function drawMessage(channel, ts) {
  if (channel !== page.open) {
    if (page.conversations.some((c) => c.id === channel)) {
      const { html } = await getJson('/sandbox/api/message', { as: page.as, channel, ts, since: page.since });
      if (html) {
        page.unread.add(channel);
        drawConversations();
      }
    }
    return;
  }
  await conversationLoading?.catch(() => undefined);
  const shows = paneShows;
  const answer = await getJson('/sandbox/api/message', { as: page.as, channel, ts, since: page.since });
  if (shows !== paneShows) return;
  const pane = $('pane');
  const existing = pane.querySelector(`.sb-msg[data-ts="${CSS.escape(answer.ts ?? ts)}"]`);
  if (!answer.html) return existing?.remove();
  const template = document.createElement('template');
  template.innerHTML = answer.html;
  const fresh = template.content.firstElementChild;
  if (existing) existing.replaceWith(fresh);
  else {
    pane.querySelector('.sb-empty')?.remove();
    pane.append(fresh);
    pane.scrollTop = pane.scrollHeight;
  }
}

/** Counts the modal's draws: an answer older than the newest draw asked for is dropped, so a closed form never comes back. */
let modalDraws = 0;

async function drawModal(given) {
  const draw = ++modalDraws;
  const { html, viewId } = given ?? (await getJson('/sandbox/api/modal', { as: page.as }));
  if (draw !== modalDraws) return;
  const layer = $('modal-layer');
  if (!html) {
    layer.hidden = true;
    layer.replaceChildren();
    return;
  }
  const before = layer.querySelector('form.sd-modal');
  const typing = before?.contains(document.activeElement) ? document.activeElement : undefined;
  layer.innerHTML = html;
  const form = layer.querySelector('form.sd-modal');
  form.dataset.viewId = viewId;
  // Slack keeps what a person entered when the app updates the view, field by field (same block and action ids),
  // and the field they are typing in keeps the cursor: what they type next is not lost.
  if (before?.dataset.viewId === viewId) keepEntries(before, form, typing);
  layer.hidden = false;
}

/** The element of `form` for the same block and action as `el`. */
const twinIn = (form, el) =>
  form?.querySelector(`[data-block-id="${CSS.escape(el.dataset.blockId)}"][data-action-id="${CSS.escape(el.dataset.actionId)}"]`);

function keepEntries(from, to, typing) {
  for (const old of from.querySelectorAll('[data-block-id][data-action-id]')) {
    const fresh = twinIn(to, old);
    if (!fresh || fresh.dataset.type !== old.dataset.type || old.dataset.type === 'button') continue;
    if (old.dataset.files) fresh.dataset.files = old.dataset.files;
    if ('value' in old && old.type !== 'file') fresh.value = old.value;
    const choices = [...old.querySelectorAll('input[type=checkbox], input[type=radio]')];
    for (const choice of choices) {
      const twin = fresh.querySelector(`input[value="${CSS.escape(choice.value)}"]`);
      if (twin) twin.checked = choice.checked;
    }
    if (old === typing) {
      fresh.focus();
      if (typeof old.selectionStart === 'number' && typeof fresh.setSelectionRange === 'function')
        fresh.setSelectionRange(old.selectionStart, old.selectionEnd, old.selectionDirection ?? 'none');
    }
  }
}

/** A confirm dialog drawn by the renderer; resolves true on its confirm button. */
function confirmed(el) {
  const template = el.nextElementSibling;
  if (!el.dataset.confirm || !template?.matches('template.sd-confirm')) return Promise.resolve(true);
  const holder = document.createElement('div');
  holder.className = 'sb-modal-layer sb-confirm-layer';
  holder.append(template.content.cloneNode(true));
  document.body.append(holder);
  return new Promise((resolve) => {
    holder.addEventListener('click', (event) => {
      const answer = event.target.closest('[data-confirm-answer]')?.dataset.confirmAnswer;
      if (!answer) return;
      holder.remove();
      resolve(answer === 'confirm');
    });
  });
}

const fileHooks = { files: (input) => JSON.parse(input.dataset.files ?? '[]') };

async function fire(el) {
  if (!(await confirmed(el))) return;
  const action = actionFrom(el, fileHooks);
  const message = el.closest('.sb-msg');
  const modal = el.closest('form.sd-modal');
  const home = el.closest('.sd-home');
  let where = {};
  let values = {};
  if (modal) {
    where = { viewId: modal.dataset.viewId };
    values = readViewState(modal, fileHooks);
  } else if (home) {
    where = { viewId: page.homeViewId };
    values = readViewState(home, fileHooks);
  } else if (message) {
    where = { channel: message.dataset.channel, ts: message.dataset.ts, ephemeral: message.dataset.ephemeral === 'true' };
  }
  await post('action', { action, where, values });
}

/** Slack's own check before a view_submission: each empty required field gets its error under it, and nothing is sent. */
function requiredFilled(form) {
  for (const stale of form.querySelectorAll('.sd-field-error[data-required-error]')) {
    stale.closest('.sd-input')?.classList.remove('sd-has-error');
    stale.remove();
  }
  const empty = emptyRequiredBlocks(form, fileHooks);
  for (const blockId of empty) {
    const block = form.querySelector(`.sd-input[data-block-id="${CSS.escape(blockId)}"]`);
    if (!block) continue;
    const error = Object.assign(document.createElement('div'), {
      className: 'sd-field-error',
      role: 'alert',
      textContent: word('sandbox.page.required_field'),
    });
    error.dataset.requiredError = 'true';
    error.setAttribute('role', 'alert');
    const hint = block.querySelector(':scope > .sd-hint');
    if (hint) hint.before(error);
    else block.append(error);
    block.classList.add('sd-has-error');
  }
  if (empty.length > 0) form.querySelector(`.sd-input[data-block-id="${CSS.escape(empty[0])}"] [data-action-id]`)?.focus();
  return empty.length === 0;
}

async function upload(input) {
  const files = [];
  for (const file of input.files) {
    const response = await fetch('/sandbox/api/upload', {
      method: 'POST',
      headers: {
        'content-type': file.type || 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
        'x-sandbox-as': page.as,
      },
      body: file,
    });
    files.push((await response.json()).file);
  }
  // the form may have been drawn again while the files went up: they belong to the field as it is now
  const field = input.isConnected ? input : (twinIn($('modal-layer').querySelector('form.sd-modal'), input) ?? input);
  field.dataset.files = JSON.stringify(files);
}

document.addEventListener('click', (event) => {
  const conversation = event.target.closest('[data-conversation]');
  if (conversation) return void openConversation(conversation.dataset.conversation);
  const close = event.target.closest('[data-modal-close]');
  if (close) {
    const form = close.closest('form.sd-modal');
    return void post('close', { viewId: form.dataset.viewId }).then(() => drawModal());
  }
  const el = interactiveElement(event.target);
  if (el?.dataset.type === 'button') {
    event.preventDefault();
    void fire(el);
  }
});

document.addEventListener('change', (event) => {
  const el = interactiveElement(event.target);
  if (!el) return;
  if (el.dataset.type === 'file_input') return void upload(event.target);
  if (el.dataset.dispatch === 'true' && el.dataset.type !== 'button' && !el.dataset.dispatchOn) void fire(el);
});

document.addEventListener('keydown', (event) => {
  const el = interactiveElement(event.target);
  if (event.key === 'Enter' && el?.dataset.dispatch === 'true' && el.dataset.dispatchOn?.includes('on_enter_pressed')) {
    event.preventDefault();
    void fire(el);
  }
});

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (form.id === 'composer') {
    event.preventDefault();
    const input = $('composer-text');
    const text = input.value;
    input.value = '';
    const answer = await post('command', { channel: page.open, text });
    // Not sent (the app takes no messages, only commands): the text stays to be turned into one.
    if (!answer.ok && answer.error === 'not_a_command' && input.value === '') input.value = text;
    return;
  }
  if (!form.matches('form.sd-modal')) return;
  event.preventDefault();
  if (!requiredFilled(form)) return;
  for (const button of form.querySelectorAll('button[type=submit]')) button.disabled = true;
  const answer = await post('submit', { viewId: form.dataset.viewId, values: readViewState(form, fileHooks) });
  for (const button of form.querySelectorAll('button[type=submit]')) button.disabled = false;
  if (!answer.html) return;
  await drawModal(answer);
  // as in Slack, the form scrolls to the first field the app refused: it may be far below
  $('modal-layer').querySelector('.sd-field-error')?.scrollIntoView({ block: 'center' });
});

/** Everything drawn again for the person acting now; the pane unless another conversation was opened since `shows`. */
async function redraw(shows = paneShows) {
  await loadState();
  await drawModal();
  if (shows === paneShows) await openConversation(page.open);
}

// Each redraws the pane once its answers are in, unless a conversation was opened meanwhile: a click
// on another conversation while they load is not undone by them.
$('act-as').addEventListener('change', async (event) => {
  const shows = ++paneShows;
  page.as = event.target.value;
  page.unread.clear();
  await redraw(shows);
});

$('language').addEventListener('change', async (event) => {
  const shows = paneShows;
  await post('locale', { locale: event.target.value });
  await loadState();
  if (shows === paneShows) await openConversation(page.open);
});

const jump = (body) => post('clock', body);
$('clock-hour').addEventListener('click', () => jump({ step: 'hour' }));
$('clock-day').addEventListener('click', () => jump({ step: 'day' }));
$('clock-saturday').addEventListener('click', () => jump({ step: 'saturday' }));
$('clock-jump').addEventListener('click', () => {
  const to = $('clock-to').value;
  if (to) void jump({ to });
});
$('reset').addEventListener('click', async () => {
  if (!confirm(word('sandbox.page.reset_confirm'))) return;
  toast(word('sandbox.page.resetting'));
  await post('reset', {});
});

function listen() {
  let connected = false;
  const events = new EventSource('/sandbox/events');
  events.onmessage = (message) => {
    const event = JSON.parse(message.data);
    switch (event.kind) {
      case 'hello':
        if (page.generation && event.generation !== page.generation) location.reload();
        // connected again: what happened while the stream was down is drawn now
        else if (connected) void redraw();
        connected = true;
        break;
      case 'reset':
        location.reload();
        break;
      case 'message':
        void drawMessage(event.channel, event.ts);
        break;
      case 'views':
        if (event.userId === page.as) void drawModal();
        break;
      case 'home':
        if (event.userId === page.as) void drawHome();
        break;
      case 'refusal':
        if (event.refusal.userId === page.as || event.refusal.channel === page.open) void openConversation(page.open);
        break;
      case 'clock':
        drawClock(event.now, event.busy);
        break;
    }
  };
}

await loadState();
await openConversation(page.open);
await drawModal();
listen();
document.body.dataset.ready = 'true';
