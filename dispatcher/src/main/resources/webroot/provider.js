// The provider page: incoming offers with a countdown, accept/decline, the navigation target, arrived/completed.
'use strict';

(() => {
  const { api, el, countdown } = OneKey;
  let items = [];
  const residents = new Map();

  OneKey.login('/api/offers', start);

  function start() {
    document.getElementById('logout').onclick = (e) => { e.preventDefault(); OneKey.logout(); };
    OneKey.feed(() => refresh(), (s) => { document.getElementById('live').textContent = s; });
    refresh();
    setInterval(refresh, 5000);
    setInterval(tick, 1000);
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
    const post = (path, body) => api('POST', path, body || {}).then(refresh).catch(e => alert(e.message));
    const parts = [
      el('h2', {}, el('span', { class: 'badge ' + a.priority }, a.priority), ' ', a.kind, ' — ', (item.distanceMeters / 1000).toFixed(1), ' km'),
      el('p', { 'data-testid': 'target' }, 'Go to: ', r ? r.name + ', ' + r.address + ' — ' : '', target,
        a.position ? ' (' + a.position.source + ', ' + a.position.ageSeconds + ' s old)' : ''),
      r && r.medicalNotes ? el('p', {}, 'Medical notes: ', r.medicalNotes) : '',
    ];
    if (item.state === 'PENDING') {
      parts.push(el('p', { class: 'countdown', 'data-expires': item.expiresAt }, countdown(item.expiresAt).text + ' to answer'));
      parts.push(el('div', { class: 'actions' },
        el('button', { 'data-testid': 'accept', onclick: () => post('/api/offers/' + item.id + '/accept') }, 'Accept'),
        el('button', { class: 'danger', 'data-testid': 'decline', onclick: () => post('/api/offers/' + item.id + '/decline', { reason: 'declined on the provider page' }) }, 'Decline')));
    } else {
      const here = a.position ? { lat: a.position.lat, lon: a.position.lon } : null;
      parts.push(el('p', { 'data-testid': 'job-state' }, 'Job ', a.state));
      parts.push(el('div', { class: 'actions' },
        el('button', { class: 'secondary', 'data-testid': 'en-route', disabled: a.state !== 'ACCEPTED' ? 'disabled' : null,
          onclick: () => position(here).then(p => post('/api/alerts/' + a.id + '/en-route', p)) }, 'En route'),
        el('button', { 'data-testid': 'arrived', disabled: a.state !== 'ACCEPTED' ? 'disabled' : null,
          onclick: () => position(here).then(p => post('/api/alerts/' + a.id + '/on-scene', p)) }, 'Arrived'),
        el('button', { 'data-testid': 'completed', disabled: a.state !== 'ON_SCENE' ? 'disabled' : null,
          onclick: () => post('/api/alerts/' + a.id + '/complete', { note: 'completed on the provider page' }) }, 'Completed')));
    }
    return el('div', { class: 'card ' + a.priority, 'data-testid': 'offer-card', 'data-state': item.state }, parts);
  }

  // The device's own position when the browser has one; else the target (the crew says it is there).
  function position(fallback) {
    return new Promise((resolve) => {
      if (!navigator.geolocation) { resolve(fallback); return; }
      navigator.geolocation.getCurrentPosition(
        (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
        () => resolve(fallback), { timeout: 3000 });
    });
  }
})();
