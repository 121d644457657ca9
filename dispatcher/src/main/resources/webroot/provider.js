// The provider page: incoming offers with a countdown, accept/decline, the navigation target, arrived/completed.
'use strict';

(() => {
  const { api, el, countdown } = OneKey;
  let items = [];
  let me = null;        // this provider's id and whether it is on duty
  const residents = new Map();
  const notices = new Map();   // per alert: what the last action could not do (no position)

  OneKey.login('/api/offers', start);

  function start() {
    document.getElementById('logout').onclick = (e) => { e.preventDefault(); OneKey.logout(); };
    OneKey.feed((m) => { if (m.type && m.type.startsWith('care')) { OneKey.providerCare.refresh(); } else { refresh(); } },
      (s) => { document.getElementById('live').textContent = s; });
    document.getElementById('duty').onclick = () => setDuty(!(me && me.onDuty));
    api('GET', '/api/me').then(who => {
      OneKey.providerCare.start(who.subject);
      return api('GET', '/api/providers/' + encodeURIComponent(who.subject) + '/duty');
    }).then(showDuty).catch(() => {});
    refresh();
    setInterval(() => { refresh(); OneKey.providerCare.refresh(); }, 5000);
    setInterval(tick, 1000);
  }

  function showDuty(duty) {
    me = duty;
    const button = document.getElementById('duty');
    button.textContent = duty.onDuty ? 'On duty — go off duty' : 'Off duty — go on duty';
    button.classList.toggle('danger', !duty.onDuty);
    button.dataset.onDuty = String(duty.onDuty);
    document.getElementById('duty-state').textContent = duty.onDuty ? 'ON DUTY: offers come to you' : 'OFF DUTY: no new offers';
  }

  function setDuty(onDuty) {
    if (!me) { return; }
    api('PUT', '/api/providers/' + encodeURIComponent(me.providerId) + '/duty', { onDuty }).then(showDuty)
      .catch(e => { document.getElementById('duty-state').textContent = e.message; });
  }

  async function refresh() {
    try {
      items = (await api('GET', '/api/offers')).items;
      for (const item of items) {
        const id = item.alert.residentId;
        if (id && !residents.has(id)) {
          try { residents.set(id, await api('GET', '/api/residents/' + id)); } catch (e) { /* not visible */ }
        }
      }
      render();
    } catch (e) {
      document.getElementById('live').textContent = 'error: ' + e.message;
    }
  }

  function tick() {
    document.querySelectorAll('.countdown[data-expires]').forEach(node => {
      const c = countdown(node.dataset.expires);
      node.textContent = c.late ? 'expired' : c.text + ' to answer';
    });
  }

  function render() {
    const pane = document.getElementById('offers');
    const visible = items.filter(i => i.state === 'PENDING' || (i.state === 'ACCEPTED' && !['RESOLVED', 'CANCELLED'].includes(i.alert.state)));
    if (!visible.length) { pane.replaceChildren(el('p', { class: 'muted' }, 'No offers.')); return; }
    pane.replaceChildren(...visible.map(card));
  }

  function card(item) {
    const a = item.alert;
    const r = residents.get(a.residentId);
    const target = a.position ? a.position.lat.toFixed(6) + ', ' + a.position.lon.toFixed(6) : 'unknown';
    const say = (text) => { notices.set(a.id, text); render(); };
    const post = (path, body) => api('POST', path, body || {}).then(refresh).catch(e => say(e.message));
    // Progress with the crew's own fix only; without one, nothing is sent for a position and the page says so.
    const report = (path) => position().then(p => {
      say(p ? '' : 'Position unavailable: reported without a position.');
      return post('/api/alerts/' + a.id + '/' + path, p || {});
    });
    const mine = (h) => h.actor === 'provider:' + item.providerId;
    const enRoute = a.history.some(h => mine(h) && h.action === 'en-route');
    const arrived = a.history.some(h => mine(h) && (h.action === 'on_scene' || h.action === 'on-scene'));
    const finished = a.history.some(h => mine(h) && h.action === 'completed');   // an additional resource's own finish
    const parts = [
      el('h2', {}, el('span', { class: 'badge ' + a.priority }, a.priority), ' ', a.kind, ' — ', (item.distanceMeters / 1000).toFixed(1), ' km'),
      el('p', { 'data-testid': 'target' }, 'Go to: ', r ? r.name + ', ' + r.address + ' — ' : '', target,
        a.position ? (a.position.source === 'HOME' ? ' (home address)' : ' (' + a.position.source + ' fix, '
          + OneKey.ago(a.position.fixTime) + ' old)') : ''),
      r && r.medicalNotes ? el('p', {}, 'Medical notes: ', r.medicalNotes) : '',
    ];
    if (item.state === 'PENDING') {
      parts.push(el('p', { class: 'countdown', 'data-expires': item.expiresAt }, countdown(item.expiresAt).text + ' to answer'));
      parts.push(el('div', { class: 'actions' },
        el('button', { 'data-testid': 'accept', onclick: () => post('/api/offers/' + item.id + '/accept') }, 'Accept'),
        el('button', { class: 'danger', 'data-testid': 'decline', onclick: () => post('/api/offers/' + item.id + '/decline', { reason: 'declined on the provider page' }) }, 'Decline')));
    } else {
      const stage = finished ? 'FINISHED (the first crew closes the alert)' : arrived ? 'ON SCENE' : enRoute ? 'EN ROUTE' : 'ACCEPTED';
      parts.push(el('p', { 'data-testid': 'job-state' }, 'Job ', stage));
      parts.push(el('div', { class: 'actions' },
        el('button', { class: 'secondary', 'data-testid': 'en-route', disabled: enRoute || arrived ? 'disabled' : null,
          onclick: () => report('en-route') }, enRoute ? 'En route ✓' : 'En route'),
        el('button', { 'data-testid': 'arrived', disabled: arrived ? 'disabled' : null,
          onclick: () => report('on-scene') }, arrived ? 'Arrived ✓' : 'Arrived'),
        el('button', { 'data-testid': 'completed', disabled: !arrived || finished ? 'disabled' : null,
          onclick: () => post('/api/alerts/' + a.id + '/complete', { note: 'completed on the provider page' }) }, 'Completed')));
    }
    parts.push(el('p', { class: 'late', 'data-testid': 'card-message', role: 'status' }, notices.get(a.id) || ''));
    return el('div', { class: 'card ' + a.priority, 'data-testid': 'offer-card', 'data-state': item.state }, parts);
  }

  // The device's own fix, or null: the resident's position is never passed off as the crew's.
  function position() {
    return new Promise((resolve) => {
      if (!navigator.geolocation) { resolve(null); return; }
      navigator.geolocation.getCurrentPosition(
        (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
        () => resolve(null), { timeout: 3000, maximumAge: 30000 });
    });
  }
})();
