// The provider page's service requests: an organisation answers an offer, names the worker who
// goes, and the worker reports arrival (with the device's own position, never the resident's)
// and completion.
'use strict';

OneKey.providerCare = (() => {
  const { api, el, countdown } = OneKey;
  let me = null;            // this provider's id
  let workers = [];
  let requests = [];
  const notices = new Map();
  const chosen = new Map();  // per request: the worker picked in the list, kept across redraws

  async function start(providerId) {
    me = providerId;
    try { workers = (await api('GET', '/api/care/providers/' + encodeURIComponent(me) + '/staff')).workers; } catch (e) { workers = []; }
    refresh();
  }

  async function refresh() {
    if (!me) { return; }
    try {
      // The server shows a provider only the requests offered to it or taken by it.
      requests = (await api('GET', '/api/care/requests?open=true')).items
        .filter(r => r.providerId === me || (r.offer && r.offer.state === 'PENDING'));
      render();
    } catch (e) { /* the alarm offers above still work */ }
  }

  function render() {
    const pane = document.getElementById('care-jobs');
    if (document.activeElement && pane.contains(document.activeElement) && document.activeElement.tagName === 'SELECT') { return; }
    if (!requests.length) { pane.replaceChildren(el('p', { class: 'muted' }, 'No service requests.')); return; }
    pane.replaceChildren(...requests.map(card));
  }

  function card(r) {
    const resident = r.resident;
    const base = '/api/care/requests/' + r.id + '/';
    const say = (text) => { notices.set(r.id, text); render(); };
    const post = (path, body) => api('POST', base + path, body || {}).then(() => { notices.delete(r.id); refresh(); }).catch(e => say(e.message));
    const start = new Date(r.windowStart), end = new Date(r.windowEnd);
    const parts = [
      el('h2', {}, r.type, ' — ', start.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }), '–',
        end.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })),
      el('p', {}, 'For: ', resident ? resident.name + ', ' + resident.address : r.residentId, r.note ? ' — ' + r.note : ''),
    ];
    const offer = r.offer && r.offer.state === 'PENDING' ? r.offer : null;
    if (r.state === 'OFFERED' && offer) {
      parts.push(el('p', { class: 'countdown', 'data-expires': offer.expiresAt }, countdown(offer.expiresAt).text + ' to answer'));
      parts.push(el('div', { class: 'actions' },
        el('button', { 'data-testid': 'care-accept', onclick: () => post('accept') }, 'Accept'),
        el('button', { class: 'danger', 'data-testid': 'care-decline', onclick: () => post('decline', { reason: 'declined on the provider page' }) }, 'Decline')));
    } else if (r.state === 'ACCEPTED') {
      const select = el('select', { 'data-testid': 'care-worker' }, workers.map(w => el('option', { value: w.id }, w.name)));
      if (chosen.has(r.id)) { select.value = chosen.get(r.id); }
      select.addEventListener('change', () => chosen.set(r.id, select.value));
      parts.push(el('div', { class: 'actions' }, workers.length ? select : el('span', { class: 'muted' }, 'No staff named yet (PUT /api/care/providers/' + me + '/staff)'),
        el('button', { 'data-testid': 'care-assign', disabled: workers.length ? null : 'disabled',
          onclick: () => post('assign', { workerId: select.value }) }, 'Send this worker')));
    } else if (r.state === 'ASSIGNED' || r.state === 'ARRIVED') {
      const worker = (workers.find(w => w.id === r.workerId) || {}).name || r.workerId;
      parts.push(el('p', { 'data-testid': 'care-job-state' }, r.state === 'ARRIVED' ? 'AT THE DOOR: ' : 'ON THE WAY: ', worker));
      parts.push(el('div', { class: 'actions' },
        el('button', { 'data-testid': 'care-arrived', disabled: r.state === 'ARRIVED' ? 'disabled' : null, onclick: () => position().then(p => {
          if (!p) { notices.set(r.id, 'Position unavailable: arrival reported without a position (presence not confirmed).'); }
          return api('POST', base + 'arrive', p || {}).then(refresh).catch(e => say(e.message));
        }) }, r.state === 'ARRIVED' ? 'Arrived ✓' : 'Arrived'),
        el('button', { 'data-testid': 'care-completed', disabled: r.state !== 'ARRIVED' ? 'disabled' : null,
          onclick: () => post('complete', { note: 'completed on the provider page' }) }, 'Completed')));
    }
    parts.push(el('p', { class: 'late', role: 'status', 'data-testid': 'care-card-message' }, notices.get(r.id) || ''));
    return el('div', { class: 'card', 'data-testid': 'care-card', 'data-request-id': r.id, 'data-state': r.state }, parts);
  }

  // The device's own fix, or null.
  function position() {
    return new Promise((resolve) => {
      if (!navigator.geolocation) { resolve(null); return; }
      navigator.geolocation.getCurrentPosition((p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
        () => resolve(null), { timeout: 3000, maximumAge: 30000 });
    });
  }

  return { start, refresh };
})();
