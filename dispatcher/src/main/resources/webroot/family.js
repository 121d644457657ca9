// The family page: each relative followed, with status, last position, open alarms and services;
// a service can be asked for and a completed one rated. Refreshed every 15 s.
'use strict';

(() => {
  const { api, el, ago } = OneKey;
  let types = [];

  function position(p) {
    if (!p) { return 'no position yet'; }
    return p.lat.toFixed(5) + ', ' + p.lon.toFixed(5) + ' (' + p.source + ', ' + ago(p.at) + ' ago)';
  }

  function service(s) {
    const rate = s.state === 'COMPLETED'
      ? el('span', {},
          el('select', { 'data-testid': 'stars' }, [5, 4, 3, 2, 1].map(n => el('option', { value: n }, n + ' ★'))),
          el('button', { 'data-testid': 'rate', onclick: (e) => rateService(s.id, e.target.previousSibling) }, 'Rate'))
      : '';
    return el('li', { 'data-testid': 'service', 'data-state': s.state, 'data-type': s.type },
      s.type + ' · ' + new Date(s.windowStart).toLocaleString() + ' · ' + s.state.toLowerCase()
        + (s.workerId ? ' · worker ' + s.workerId : ''), ' ', rate);
  }

  function requestForm(resident) {
    const select = el('select', { 'data-testid': 'service-type' },
      types.filter(t => t.lane === 'everyday').map(t => el('option', { value: t.id }, t.name)));
    const when = el('input', { type: 'datetime-local', 'data-testid': 'service-when' });
    const note = el('input', { type: 'text', placeholder: 'note', 'data-testid': 'service-note' });
    const message = el('span', { class: 'muted', 'data-testid': 'service-message' });
    const ask = async () => {
      try {
        const body = { residentId: resident.id, type: select.value, note: note.value || undefined };
        if (when.value) { body.windowStart = new Date(when.value).toISOString(); }
        await api('POST', '/api/care/requests', body);
        message.textContent = 'asked';
        refresh();
      } catch (e) {
        message.textContent = e.message;
      }
    };
    return el('div', { class: 'request' }, 'Ask for ', select, ' at ', when, ' ', note, ' ',
      el('button', { class: 'primary', 'data-testid': 'ask', onclick: ask }, 'Ask'), ' ', message);
  }

  async function rateService(id, select) {
    try {
      await api('POST', '/api/care/requests/' + id + '/rating', { stars: Number(select.value) });
      refresh();
    } catch (e) {
      alert(e.message);
    }
  }

  function card(r) {
    return el('article', { class: 'card', 'data-testid': 'resident-card', 'data-resident': r.id, 'data-status': r.status },
      el('h2', {}, r.name, ' ', el('span', { class: r.status === 'alert' ? 'late' : 'muted', 'data-testid': 'status' },
        r.status === 'alert' ? 'ALARM' : 'all well')),
      el('p', {}, r.address),
      el('p', { 'data-testid': 'position' }, 'Last position: ', position(r.lastPosition)),
      el('h3', {}, 'Open alarms'),
      r.openAlerts.length ? el('ul', {}, r.openAlerts.map(a => el('li', { 'data-testid': 'family-alert' },
        a.kind + ' · ' + a.state.toLowerCase() + ' · ' + ago(a.receivedAt) + ' ago'))) : el('p', { class: 'muted' }, 'none'),
      el('h3', {}, 'Services'),
      el('ul', {}, r.services.concat(r.completedServices).map(service)),
      requestForm(r));
  }

  async function refresh() {
    const page = await api('GET', '/api/family/residents');
    const section = document.getElementById('residents');
    section.replaceChildren(...(page.items.length ? page.items.map(card) : [el('p', { class: 'muted' }, 'Nobody to follow yet.')]));
    document.getElementById('live').textContent = 'updated ' + new Date().toLocaleTimeString();
  }

  OneKey.login('/api/family/residents', async () => {
    types = (await api('GET', '/api/care/types')).items;
    await refresh();
    setInterval(() => refresh().catch(() => {}), 15000);
  });
})();

document.getElementById('logout').addEventListener('click', (event) => { event.preventDefault(); OneKey.logout(); });
