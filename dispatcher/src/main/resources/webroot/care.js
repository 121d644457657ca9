// The operators' view of service requests: everyday help and scheduled care, live, beside the
// alarms. A request nobody took, or nobody reached in time, is marked; an operator offers it to a
// provider by hand or cancels it.
'use strict';

OneKey.carePage = (() => {
  const { api, el, countdown } = OneKey;
  const residentNames = new Map();
  let wired = false;
  let visible = false;
  let requests = [];
  let types = new Map();
  let providers = [];
  let selectedId = null;
  let selectedForm = null;   // { id, node, select, reason }: kept across redraws so a choice survives live changes

  function open(highlightId) {
    visible = true;
    if (highlightId) { selectedId = highlightId; }
    if (!wired) {
      wired = true;
      document.getElementById('care-closed').addEventListener('change', load);
      api('GET', '/api/care/types').then(r => { types = new Map(r.items.map(t => [t.id, t])); render(); }).catch(() => {});
      api('GET', '/api/providers').then(r => { providers = r.items; }).catch(() => {});
      setInterval(() => { if (visible) { renderClocks(); } }, 1000);
    }
    load();
  }

  function hide() { visible = false; }

  // A live change of a request: reloaded in a moment, if the page is showing.
  let pending = null;
  function changed() {
    if (visible && !pending) { pending = setTimeout(() => { pending = null; load(); }, 200); }
  }

  function say(text, bad) {
    const m = document.getElementById('care-message');
    m.textContent = text || '';
    m.classList.toggle('late', !!bad);
  }

  async function load() {
    const closedToo = document.getElementById('care-closed').checked;
    const since = new Date(Date.now() - 86400000).toISOString();
    try {
      requests = (await api('GET', '/api/care/requests?' + (closedToo ? 'from=' + encodeURIComponent(since) : 'open=true'))).items;
      const missing = [...new Set(requests.map(r => r.residentId))].filter(id => !residentNames.has(id));
      await Promise.all(missing.map(id => api('GET', '/api/residents/' + id)
        .then(r => residentNames.set(id, r.name)).catch(() => residentNames.set(id, id))));
      render();
    } catch (e) {
      say(e.message, true);
    }
  }

  function when(r) {
    const start = new Date(r.windowStart), end = new Date(r.windowEnd);
    const sameDay = start.toDateString() === new Date().toDateString();
    const day = sameDay ? '' : start.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' }) + ' ';
    const time = (d) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    return day + time(start) + '–' + time(end);
  }

  // A countdown while it is near; further ahead, the time and how far off it is.
  function arrivalText(iso) {
    const seconds = (Date.parse(iso) - Date.now()) / 1000;
    if (seconds < 5400) {
      const c = countdown(iso);
      return { text: c.late ? 'overdue by ' + c.text.slice(1) : 'arrive within ' + c.text, late: c.late };
    }
    const hours = seconds / 3600;
    return { text: 'arrive by ' + new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
      + ' (in ' + (hours < 48 ? Math.round(hours) + ' h' : Math.round(hours / 24) + ' days') + ')', late: false };
  }

  function arrivalCell(r) {
    if (r.arrivedAt) { return el('td', { class: r.onTime === false ? 'late' : '' }, r.onTime === false ? 'arrived late' : 'arrived'); }
    if (!['SCHEDULED', 'OFFERED', 'ACCEPTED', 'ASSIGNED', 'UNASSIGNED'].includes(r.state)) { return el('td', {}, '—'); }
    const c = arrivalText(r.arriveBy);
    return el('td', { class: c.late || r.late ? 'late care-clock' : 'care-clock', 'data-deadline': r.arriveBy }, c.text);
  }

  function renderClocks() {
    document.querySelectorAll('td.care-clock[data-deadline]').forEach(td => {
      const c = arrivalText(td.dataset.deadline);
      td.textContent = c.text;
      if (c.late) { td.classList.add('late'); }
    });
  }

  function render() {
    const body = document.getElementById('care-requests');
    if (!requests.length) {
      body.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: 7, 'data-testid': 'no-care-requests' },
        document.getElementById('care-closed').checked ? 'No service request in the last 24 hours.'
          : 'No open service request. A resident\'s service key, a phone call ("Phone call…"), a relative or a care schedule files one.')));
    } else {
      body.replaceChildren(...requests.map(r => el('tr', {
        class: [r.state === 'UNASSIGNED' || r.late ? 'care-attention' : '', r.state === 'COMPLETED' || r.state === 'CANCELLED' ? 'closed' : '',
          r.id === selectedId ? 'selected' : ''].join(' '),
        'data-testid': 'care-row', 'data-request-id': r.id, 'data-type': r.type, 'data-state': r.state,
        onclick: () => { selectedId = r.id; render(); } },
      el('td', {}, when(r)),
      el('td', {}, (types.get(r.type) || {}).name || r.type, r.lane === 'emergency' ? el('span', { class: 'flag' }, ' EMERGENCY') : ''),
      el('td', {}, residentNames.get(r.residentId) || r.residentId),
      el('td', { 'data-testid': 'care-state' }, r.state, r.late ? el('span', { class: 'flag' }, ' LATE') : ''),
      el('td', {}, [r.providerId, r.workerId].filter(Boolean).join(' / ') || '—'),
      arrivalCell(r),
      el('td', {}, r.channel))));
    }
    renderSelected();
  }

  // Built once per selected request; live changes redraw the text around the form, never the form
  // itself, so a provider being chosen or a reason being typed survives every refresh.
  function renderSelected() {
    const pane = document.getElementById('care-detail');
    const r = requests.find(x => x.id === selectedId);
    if (!r) { selectedForm = null; pane.replaceChildren(); return; }
    if (!selectedForm || selectedForm.id !== r.id) {
      selectedForm = actionForm(r);
      selectedForm.head = el('div');
      selectedForm.history = el('ol', { class: 'history', 'data-testid': 'care-history' });
      pane.replaceChildren(selectedForm.head, selectedForm.node, selectedForm.history);
    }
    const type = types.get(r.type);
    selectedForm.head.replaceChildren(
      el('h3', {}, (type ? type.name : r.type), ' for ', residentNames.get(r.residentId) || r.residentId, ' — ',
        el('span', { 'data-testid': 'care-detail-state' }, r.state)),
      el('p', {}, 'Wanted ', when(r), '; offered from ', new Date(r.offerAt).toLocaleTimeString(), ', arrival target ',
        new Date(r.arriveBy).toLocaleTimeString(), '. Asked by ', r.requestedBy || r.channel, ' (', r.channel, ').',
        r.note ? ' Note: ' + r.note : ''),
      r.arrivalDistanceMeters != null ? el('p', {}, 'Arrival reported ', Math.round(r.arrivalDistanceMeters), ' m from the home.') : '');
    selectedForm.history.replaceChildren(...(r.history || []).map(h =>
      el('li', {}, new Date(h.at).toLocaleTimeString(), ' ', h.actor, ': ', h.action, h.note ? ' — ' + h.note : '')));
    selectedForm.update(r);
  }

  function actionForm(r) {
    const message = el('p', { class: 'message', 'data-testid': 'care-action-message', role: 'status' });
    const select = el('select', { 'data-testid': 'care-offer-provider' });
    const reason = el('input', { placeholder: 'reason to cancel', 'data-testid': 'care-cancel-reason' });
    const act = (path, body) => api('POST', '/api/care/requests/' + r.id + '/' + path, body)
      .then(() => { message.textContent = ''; load(); })
      .catch(e => { message.textContent = e.message; message.classList.add('late'); });
    const offer = el('button', { class: 'secondary', 'data-testid': 'care-offer', onclick: () => { if (select.value) { act('offer', { providerId: select.value }); } } },
      'Offer to provider');
    const cancel = el('button', { class: 'danger', 'data-testid': 'care-cancel', onclick: () => act('cancel', { reason: reason.value || null }) },
      'Cancel request');
    const wanted = (types.get(r.type) || {}).providerType;
    // Providers of the type first; the others are listed too, marked, for when nobody of the type is free.
    const fitting = providers.filter(p => !wanted || p.serviceTypes.includes(wanted));
    const others = providers.filter(p => wanted && !p.serviceTypes.includes(wanted));
    select.replaceChildren(...fitting.concat(others).map(p => el('option', { value: p.id, class: fitting.includes(p) ? null : 'mismatch' },
      p.name + ' (' + p.serviceTypes.join('/') + (fitting.includes(p) ? '' : ', not ' + wanted) + ')')));
    return {
      id: r.id,
      node: el('div', {}, el('div', { class: 'actions' }, select, offer, reason, cancel), message),
      update(now) {
        offer.disabled = !['SCHEDULED', 'OFFERED', 'UNASSIGNED'].includes(now.state);
        cancel.disabled = ['COMPLETED', 'CANCELLED'].includes(now.state);
      },
    };
  }

  return { open, hide, changed };
})();
