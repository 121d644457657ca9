// The operator console: live queue, alert page with the resident's record, offline map and actions.
'use strict';

(() => {
  const { api, el, ago, countdown } = OneKey;
  const residents = new Map();
  let providers = [];
  let alerts = [];
  let selectedId = null;
  let knownP1 = new Set();
  let view = 'queue';
  let mapTiles = null;   // an optional tile server URL template, from the server's configuration
  let untouchedAfter = 600;   // seconds without a person acting on an open alert before the supervisor is shown it
  let online = [];        // operators, supervisors and admins with a console open

  OneKey.login('/api/alerts?limit=1', start);

  function start() {
    document.getElementById('logout').onclick = (e) => { e.preventDefault(); OneKey.logout(); };
    document.getElementById('tab-queue').onclick = () => show('queue');
    document.getElementById('tab-supervisor').onclick = () => show('supervisor');
    document.getElementById('tab-sla').onclick = () => { show('sla'); OneKey.slaPage.open(); };
    document.getElementById('tab-care').onclick = () => { show('care'); OneKey.carePage.open(); };
    document.getElementById('phone-call').onclick = () => { show('queue'); phoneCallForm(); };
    document.getElementById('mute').checked = localStorage.getItem('onekey.mute') === '1';
    document.getElementById('mute').onchange = (e) => localStorage.setItem('onekey.mute', e.target.checked ? '1' : '0');
    api('GET', '/api/providers').then(r => { providers = r.items; }).catch(() => {});
    fetch('/console/config.json').then(r => r.json()).then(c => {
      mapTiles = c.mapTiles || null;
      untouchedAfter = c.untouchedAfterSeconds || untouchedAfter;
    }).catch(() => {});
    OneKey.feed((m) => {
      if (m.type === 'alert' || m.type === 'escalation' || m.type === 'reload') { scheduleRefresh(); }
      if (m.type === 'care' || m.type === 'care-escalation' || m.type === 'reload') { OneKey.carePage.changed(); }
    },
      (s) => { document.getElementById('live').textContent = s; });
    refresh();
    setInterval(refresh, 5000);        // in case the feed is down
    setInterval(renderClocks, 1000);   // SLA countdowns tick between refreshes
  }

  function show(which) {
    view = which;
    document.getElementById('tab-queue').classList.toggle('active', which === 'queue');
    document.getElementById('tab-supervisor').classList.toggle('active', which === 'supervisor');
    document.getElementById('tab-sla').classList.toggle('active', which === 'sla');
    document.getElementById('tab-care').classList.toggle('active', which === 'care');
    document.getElementById('queue-pane').hidden = which !== 'queue';
    document.getElementById('supervisor-pane').hidden = which !== 'supervisor';
    document.getElementById('sla-pane').hidden = which !== 'sla';
    document.getElementById('care-pane').hidden = which !== 'care';
    document.getElementById('detail-pane').hidden = which === 'sla' || which === 'care';
    if (which !== 'care') { OneKey.carePage.hide(); }
  }

  let pending = null;
  function scheduleRefresh() { if (!pending) { pending = setTimeout(() => { pending = null; refresh(); }, 150); } }

  async function refresh() {
    try {
      alerts = (await api('GET', '/api/alerts?limit=200')).items;
      api('GET', '/api/operators/online').then(r => { online = r.items; renderOnline(); }).catch(() => {});
      await loadResidents(alerts);
      chimeForNewP1(alerts);
      renderQueue();
      renderEscalations();
      if (selectedId) { renderDetail(alerts.find(a => a.id === selectedId)); }
    } catch (e) {
      document.getElementById('live').textContent = 'error: ' + e.message;
    }
  }

  async function loadResidents(list) {
    const missing = [...new Set(list.map(a => a.residentId).filter(id => id && !residents.has(id)))];
    await Promise.all(missing.map(id => api('GET', '/api/residents/' + id).then(r => residents.set(id, r)).catch(() => {})));
  }

  // An audible cue for every new open P1 alert, unless muted.
  function chimeForNewP1(list) {
    const open = list.filter(a => a.priority === 'P1' && !['RESOLVED', 'CANCELLED'].includes(a.state));
    const fresh = open.filter(a => !knownP1.has(a.id));
    knownP1 = new Set(open.map(a => a.id));
    if (fresh.length && !document.getElementById('mute').checked) { beep(); }
  }

  function beep() {
    try {
      const ctx = new (window.AudioContext || window.webkitAudioContext)();
      const osc = ctx.createOscillator();
      osc.frequency.value = 880;
      osc.connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.4);
    } catch (e) { /* no audio device: the red row still shows */ }
  }

  function open(a) { return !['RESOLVED', 'CANCELLED'].includes(a.state); }

  // Seconds since a person (not the system, not a crew) last acted on an open alert, when longer than the setting.
  function untouchedFor(a) {
    if (!open(a)) { return 0; }
    const touches = a.history.filter(h => /^(operator|supervisor|admin):/.test(h.actor)).map(h => Date.parse(h.at));
    const since = Math.max(Date.parse(a.createdAt), ...touches);
    const seconds = (Date.now() - since) / 1000;
    return seconds >= untouchedAfter ? seconds : 0;
  }

  function renderOnline() {
    document.getElementById('online').textContent = online.length
      ? 'Signed in: ' + online.map(o => o.subject + (o.role === 'operator' ? '' : ' (' + o.role + ')')).join(', ') : '';
    if (detail) { detail.form.setOnline(online); }
  }

  function slaCell(a) {
    if (!open(a)) { return el('td', {}, '—'); }
    const deadline = a.acknowledgedAt ? a.onSceneDeadline : a.ackDeadline;
    if (!deadline) { return el('td', {}, '—'); }
    const c = countdown(deadline);
    // A missed acknowledgement says what it means, not only a red negative number.
    const label = a.acknowledgedAt ? 'on scene' : a.flags.escalated ? 'ESCALATED: ack overdue' : 'ack';
    return el('td', { class: c.late ? 'late sla' : 'sla', 'data-deadline': deadline, 'data-label': label },
      label + ' ' + c.text);
  }

  // A home address has no age; a fix's age is the fix's, not the alert's.
  function positionText(p) {
    if (!p) { return 'unknown'; }
    return p.source === 'HOME' ? 'home address' : p.source + ' fix, ' + ago(p.fixTime) + ' old';
  }

  function renderQueue() {
    const body = document.getElementById('queue');
    body.replaceChildren(...alerts.map(a => {
      const r = residents.get(a.residentId);
      const idle = untouchedFor(a);
      const row = el('tr', {
        class: [a.priority, open(a) ? '' : 'closed', a.id === selectedId ? 'selected' : '', idle ? 'untouched' : ''].join(' '),
        'data-testid': 'alert-row', 'data-alert-id': a.id, 'data-kind': a.kind, 'data-state': a.state,
        'data-untouched': idle ? 'true' : 'false', 'data-assigned-to': a.assignedTo || '',
        onclick: () => { selectedId = a.id; renderQueue(); renderDetail(a); },
      },
      el('td', {}, el('span', { class: 'badge ' + a.priority }, a.priority)),
      el('td', {}, a.kind),
      el('td', {}, r ? r.name : (a.residentId || '(unassigned device ' + a.deviceId + ')')),
      el('td', {}, r ? r.address : ''),
      el('td', {}, a.pressCount),
      el('td', {}, positionText(a.position)),
      slaCell(a),
      el('td', { 'data-testid': 'state' }, a.state, a.assignedTo ? el('div', { class: 'muted' }, '→ ' + a.assignedTo) : ''));
      return row;
    }));
  }

  function renderEscalations() {
    const flagged = alerts.filter(a => open(a) && (a.flags.escalated || a.flags.unassigned || a.flags.slaBreached || a.flags.onSceneFar
      || untouchedFor(a)));
    if (!flagged.length) {
      document.getElementById('escalations').replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: 6, 'data-testid': 'no-escalations' },
        'Nothing needs a supervisor now: no escalated, unassigned or SLA-breached alert, and no on-scene report far from a resident.')));
      return;
    }
    document.getElementById('escalations').replaceChildren(...flagged.map(a => el('tr', {
      class: a.priority, onclick: () => { selectedId = a.id; show('queue'); renderQueue(); renderDetail(a); } },
      el('td', {}, el('span', { class: 'badge ' + a.priority }, a.priority)),
      el('td', {}, a.kind),
      el('td', {}, (residents.get(a.residentId) || {}).name || a.residentId || a.deviceId),
      el('td', {}, [a.flags.escalated && 'escalated', a.flags.unassigned && 'unassigned', a.flags.slaBreached && 'SLA breached',
        a.flags.onSceneFar && 'on scene far from resident', a.flags.delayed && 'delayed',
        untouchedFor(a) && 'untouched for ' + ago(new Date(Date.now() - untouchedFor(a) * 1000).toISOString())]
        .filter(Boolean).join(', ')),
      el('td', {}, ago(a.createdAt)),
      el('td', {}, a.state))));
  }

  function renderClocks() {
    document.querySelectorAll('td.sla[data-deadline]').forEach(td => {
      const c = countdown(td.dataset.deadline);
      td.textContent = td.dataset.label + ' ' + c.text;
      td.classList.toggle('late', c.late);
    });
  }

  // The detail pane is built once per selected alert; live changes redraw the record, map and
  // history around the operator's form, never the form itself: a half-typed note or a chosen
  // provider must survive every refresh.
  let detail = null;   // { id, parts, form }

  function renderDetail(a) {
    const pane = document.getElementById('detail-pane');
    if (!a) { detail = null; pane.replaceChildren(el('p', { class: 'muted' }, 'Select an alert.')); return; }
    if (!detail || detail.id !== a.id) {
      const parts = { head: el('div'), body: el('div'), history: el('ol', { class: 'history', 'data-testid': 'history' }) };
      const form = actionForm(a.id);
      detail = { id: a.id, parts, form };
      pane.replaceChildren(parts.head, form.node, el('h3', {}, 'History'), parts.history);
      parts.head.after(parts.body);
      loadCandidates(a.id);
    }
    const { parts, form } = detail;
    const r = residents.get(a.residentId);
    const flags = [a.flags.escalated && 'ESCALATED', a.flags.unassigned && 'UNASSIGNED', a.flags.slaBreached && 'SLA BREACHED',
      a.flags.onSceneFar && 'ON SCENE FAR FROM RESIDENT',
      a.flags.delayed && 'DELAYED: PRESSED EARLIER THAN IT ARRIVED (SEE HISTORY)']
      .filter(Boolean).map(f => el('span', { class: 'flag' }, f));
    parts.head.replaceChildren(
      el('h2', {}, el('span', { class: 'badge ' + a.priority }, a.priority), ' ', a.kind, ' — ',
        el('span', { 'data-testid': 'detail-state' }, a.state)),
      el('div', {}, flags),
      a.assignedTo ? el('p', { 'data-testid': 'assigned-to' }, 'Assigned to ', el('strong', {}, a.assignedTo)) : '',
      el('p', {}, 'Alert ', a.id, ', device ', a.deviceId, ' (', a.protocol, '), ', a.pressCount, ' press(es), received ',
        ago(a.createdAt), ' ago', a.acknowledgedAt ? ', acknowledged' : ''),
      a.rawCode ? el('p', { 'data-testid': 'raw-code' }, 'Code from the terminal: ', el('code', {}, a.rawCode),
        a.kind === 'OTHER' ? ' (not a code OneKey knows: read it in the terminal\'s manual)' : '') : '');
    parts.body.replaceChildren(
      r ? residentRecord(r) : el('p', { class: 'muted' }, 'No resident: the device is not assigned.'),
      r ? careTeam(r.id) : '',
      el('p', {}, a.position ? 'Position: ' + a.position.lat.toFixed(5) + ', ' + a.position.lon.toFixed(5) + ' — '
        + positionText(a.position) : 'Position unknown'),
      map(a));
    parts.history.replaceChildren(...a.history.map(h =>
      el('li', {}, new Date(h.at).toLocaleTimeString(), ' ', h.actor, ': ', h.action, h.note ? ' — ' + h.note : '')));
    form.update(a);
  }

  // A resident (or the family) phoned: the operator opens an alert, or files a service request
  // for a wanted time (now, or e.g. meals tomorrow 11:30), routed like any other.
  async function phoneCallForm() {
    selectedId = null;
    detail = null;
    renderQueue();
    const pane = document.getElementById('detail-pane');
    const message = el('p', { class: 'message late', 'data-testid': 'call-message', role: 'status' });
    const list = el('datalist', { id: 'call-residents' });
    const resident = el('input', { list: 'call-residents', placeholder: 'resident id or name', 'data-testid': 'call-resident' });
    const alarms = el('optgroup', { label: 'Alarm (routed at once)' },
      ['SOS', 'FALL', 'MEDICAL', 'PANIC', 'FIRE'].map(k => el('option', { value: k }, k.toLowerCase())));
    const kind = el('select', { 'data-testid': 'call-kind' }, alarms);
    const start = el('input', { type: 'datetime-local', 'data-testid': 'call-wanted-start', disabled: 'disabled' });
    const hours = el('select', { 'data-testid': 'call-wanted-length', disabled: 'disabled' },
      [['0.5', '30 min'], ['1', '1 hour'], ['2', '2 hours'], ['4', '4 hours']].map(([v, t]) => el('option', { value: v }, t)));
    hours.value = '1';
    const service = () => kind.selectedOptions.length && kind.selectedOptions[0].dataset.service === 'true';
    kind.addEventListener('change', () => { start.disabled = !service(); hours.disabled = !service(); });
    const note = el('input', { placeholder: 'what the caller said', 'data-testid': 'call-note' });
    const submit = el('button', { 'data-testid': 'call-open', onclick: async () => {
      const typed = resident.value.trim();
      const match = [...residents.values()].find(r => r.id === typed || (r.name + ' (' + r.id + ')') === typed);
      const residentId = match ? match.id : typed;
      try {
        if (service()) {
          // An empty time means now; a local time is the operator's wall clock, sent as an instant.
          const from = start.value ? new Date(start.value) : new Date();
          const to = new Date(from.getTime() + Number(hours.value) * 3600000);
          const filed = await api('POST', '/api/care/requests', { residentId, type: kind.value,
            windowStart: from.toISOString(), windowEnd: to.toISOString(), note: note.value || undefined });
          show('care');
          OneKey.carePage.open(filed.id);
          return;
        }
        const a = await api('POST', '/api/alerts', { residentId, kind: kind.value, note: note.value || undefined });
        selectedId = a.id;
        await refresh();
      } catch (e) { message.textContent = e.message; }
    } }, 'Open');
    pane.replaceChildren(el('h2', {}, 'Phone call'),
      el('p', { class: 'muted' }, 'For a resident who phoned, or whose family phoned: an alarm is routed like a press of their button; '
        + 'a service is offered to a provider in its service circle in time for the wanted window.'),
      el('div', { class: 'call-form' },
        el('label', {}, 'Resident ', resident), list, el('label', {}, 'What ', kind),
        el('label', {}, 'From (empty: now) ', start), el('label', {}, 'For ', hours),
        el('label', {}, 'Note ', note), submit),
      message);
    try {
      const catalogue = (await api('GET', '/api/care/types')).items;
      const categories = [...new Set(catalogue.map(t => t.category))];
      kind.append(...categories.map(c => el('optgroup', { label: 'Service: ' + c.replace('_', ' ') },
        catalogue.filter(t => t.category === c).map(t => el('option', { value: t.id, 'data-service': 'true' }, t.name)))));
    } catch (e) { message.textContent = 'The service catalogue could not be loaded: ' + e.message; }
    try {
      const all = (await api('GET', '/api/residents')).items;
      all.forEach(r => residents.set(r.id, r));
      list.replaceChildren(...all.map(r => el('option', { value: r.name + ' (' + r.id + ')' })));
    } catch (e) { /* ids can still be typed */ }
  }

  // The resident's care team (social worker, volunteers, family): fetched when an alert is
  // opened, then the same node is kept across live redraws.
  function careTeam(residentId) {
    if (detail && detail.team && detail.team.residentId === residentId) { return detail.team.node; }
    const node = el('p', { class: 'team', 'data-testid': 'care-team' }, el('span', { class: 'muted' }, 'Care team: loading…'));
    if (detail) { detail.team = { residentId, node }; }
    api('GET', '/api/care/residents/' + residentId + '/team').then(team => {
      node.replaceChildren(el('strong', {}, 'Care team: '), team.members.length
        ? team.members.map(m => m.name + ' (' + m.role.replace('_', ' ') + (m.phone ? ', ' + m.phone : '') + ')').join('; ')
        : 'none recorded');
    }).catch(() => node.replaceChildren(el('span', { class: 'muted' }, 'Care team not available')));
    return node;
  }

  function residentRecord(r) {
    return el('dl', { class: 'record', 'data-testid': 'resident' },
      el('dt', {}, 'Resident'), el('dd', {}, r.name + ' (' + r.id + ')'),
      el('dt', {}, 'Address'), el('dd', {}, r.address),
      el('dt', {}, 'Medical notes'), el('dd', {}, r.medicalNotes || '—'),
      el('dt', {}, 'Emergency contacts'),
      el('dd', {}, r.emergencyContacts.length ? r.emergencyContacts.map(c => c.name + ' (' + c.relation + ') ' + c.phone).join('; ') : '—'));
  }

  // The hand-dispatch list, fittest first, as the server ranks it for this alert.
  async function loadCandidates(alertId) {
    try {
      const list = (await api('GET', '/api/alerts/' + alertId + '/candidates')).items;
      if (detail && detail.id === alertId) {
        detail.candidates = list;
        detail.form.setCandidates(list);
        const a = alerts.find(x => x.id === alertId);
        if (a) { renderDetail(a); }
      }
    } catch (e) { /* the list stays as it was; dispatching still works */ }
  }

  function candidateLabel(c) {
    const facts = [c.serviceTypes.join('/'), (c.distanceMeters / 1000).toFixed(1) + ' km',
      'load ' + c.load + '/' + c.capacity, c.onDuty ? 'on duty' : 'OFF DUTY'];
    if (!c.reachable) { facts.push('not connected'); }
    if (!c.matchesService) { facts.push('does not offer ' + c.service); }
    return c.name + ' (' + facts.join(', ') + ')';
  }

  function actionForm(alertId) {
    let candidates = [];
    let confirmFor = null;   // a mismatched provider the operator was warned about once
    const message = el('p', { class: 'message', 'data-testid': 'action-message', role: 'status' });
    const say = (text, bad) => { message.textContent = text || ''; message.classList.toggle('late', !!bad); };
    const act = (path, body) => api('POST', '/api/alerts/' + alertId + '/' + path, body)
      .then(() => { say(''); refresh(); loadCandidates(alertId); })
      .catch(e => say(e.message, true));
    const select = el('select', { 'data-testid': 'dispatch-provider' });
    select.addEventListener('change', () => { confirmFor = null; say(''); });
    const note = el('input', { placeholder: 'note', 'data-testid': 'note-text' });
    const ack = el('button', { 'data-testid': 'acknowledge', onclick: () => act('acknowledge') }, 'Acknowledge');
    const dispatch = el('button', { class: 'secondary', 'data-testid': 'dispatch', onclick: () => {
      const chosen = candidates.find(c => c.providerId === select.value);
      if (chosen && !chosen.matchesService && confirmFor !== chosen.providerId) {
        confirmFor = chosen.providerId;
        say('Warning: ' + chosen.name + ' does not offer ' + chosen.service + '. Press Dispatch again to send it anyway.', true);
        return;
      }
      confirmFor = null;
      act('dispatch', { providerId: select.value });
    } }, 'Dispatch');
    const addNote = el('button', { class: 'secondary', 'data-testid': 'add-note', onclick: () => {
      if (note.value) { act('notes', { text: note.value }).then(() => { note.value = ''; }); }
    } }, 'Add note');
    const resolve = el('button', { 'data-testid': 'resolve', onclick: () => act('resolve', { note: note.value || null }) }, 'Resolve');
    const cancel = el('button', { class: 'danger', 'data-testid': 'cancel', onclick: () => act('cancel', { reason: note.value || 'false alarm' }) }, 'Cancel');
    const assignee = el('select', { 'data-testid': 'assign-operator' });
    const assign = el('button', { class: 'secondary', 'data-testid': 'assign', onclick: () => {
      if (assignee.value) { act('assign', { operator: assignee.value }); }
    } }, 'Assign');
    // Locate now: a wearable is asked for a fresh fix (watch CR, GT06 WHERE#); the map follows its answer.
    const locate = el('button', { class: 'secondary', 'data-testid': 'locate', onclick: () =>
      api('POST', '/api/alerts/' + alertId + '/locate', {})
        .then(r => {
          const sent = r.outcome === 'SENT';
          say(sent ? 'Locate sent: the map follows when the terminal answers.' : 'Locate not sent: the terminal is not connected.', !sent);
          refresh();
        })
        .catch(e => say(e.message, true)) }, 'Locate now');
    const node = el('div', {}, el('div', { class: 'actions' }, ack, select, dispatch, note, addNote, resolve, cancel, locate),
      el('div', { class: 'actions' }, 'Hand over to ', assignee, assign), message);
    function fillOnline(list) {
      if (document.activeElement === assignee) { return; }
      const chosen = assignee.value;
      const names = [...new Set(list.map(o => o.subject))];
      assignee.replaceChildren(...names.map(n => el('option', { value: n }, n)));
      if (names.includes(chosen)) { assignee.value = chosen; }
    }
    fillOnline(online);

    function fill() {
      // An open drop-down is left alone; the choice is kept across every redraw.
      if (document.activeElement === select) { return; }
      const chosen = select.value;
      const list = candidates.length ? candidates.map(c => ({ id: c.providerId, text: candidateLabel(c), warn: !c.matchesService }))
        : providers.map(p => ({ id: p.id, text: p.name + ' (' + p.serviceTypes.join('/') + ', ' + p.status + ')' }));
      select.replaceChildren(...list.map(o => el('option', { value: o.id, class: o.warn ? 'mismatch' : null }, o.text)));
      if (chosen && list.some(o => o.id === chosen)) { select.value = chosen; }
    }
    return {
      node,
      setCandidates(list) { candidates = list; fill(); },
      setOnline(list) { fillOnline(list); },
      update(a) {
        const closed = !open(a);
        [ack, dispatch, addNote, resolve, cancel, assign].forEach(b => { b.disabled = closed; });
        if (a.acknowledgedAt) { ack.disabled = true; }
        const locatable = a.protocol === 'WATCH' || a.protocol === 'GT06';
        locate.hidden = a.protocol === 'SYSTEM';
        locate.disabled = closed || !locatable;
        locate.title = locatable ? 'Ask the terminal for a fresh position'
          : 'DC-09 panels take no commands: no fresh position can be asked for';
        if (!select.options.length) { fill(); }
      },
    };
  }

  // The map works offline: resident and nearby providers drawn on a local projection, no tiles.
  function map(a) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'map');
    svg.setAttribute('viewBox', '0 0 400 260');
    svg.setAttribute('data-testid', 'map');
    if (!a.position) { return svg; }
    const lat0 = a.position.lat, lon0 = a.position.lon;
    const k = Math.cos(lat0 * Math.PI / 180);
    const offered = new Set(a.offers.map(o => o.providerId));
    // Only providers that could serve this alert (and any offered it), once the fitness list is known.
    const fits = detail && detail.id === a.id && detail.candidates
      ? new Set(detail.candidates.filter(c => c.matchesService).map(c => c.providerId)) : null;
    const crews = reportedPositions(a).map(r => ({ ...r, dx: (r.lon - lon0) * k * 111.2, dy: (r.lat - lat0) * 111.2 }));
    const near = providers.filter(p => !fits || fits.has(p.id) || offered.has(p.id))
      .map(p => ({ p, dx: (p.base.lon - lon0) * k * 111.2, dy: (p.base.lat - lat0) * 111.2 }))
      .filter(o => Math.hypot(o.dx, o.dy) < 15);
    const range = Math.max(1, ...near.concat(crews).map(o => Math.max(Math.abs(o.dx), Math.abs(o.dy)))) * 1.15;
    const sx = (dx) => 200 + dx / range * 190, sy = (dy) => 130 - dy / range * 120;
    const add = (tag, attrs, text) => {
      const n = document.createElementNS(ns, tag);
      Object.entries(attrs).forEach(([k2, v]) => n.setAttribute(k2, v));
      if (text && tag === 'text') { n.textContent = text; } else if (text) {
        const title = document.createElementNS(ns, 'title');
        title.textContent = text;
        n.appendChild(title);
      }
      svg.appendChild(n);
    };
    if (mapTiles) { addTiles(svg, ns, lat0, lon0, range, sx, sy); }
    const placed = [];
    // A label goes right of its dot, or left near the right edge; one that would cover another is left out
    // (the dot keeps its name as a tooltip).
    const label = (x, y, text, attrs) => {
      const width = text.length * 6.2;
      const right = x + 8 + width > 396 ? x - 8 - width : x + 8, left = x - 8 - width < 4 ? x + 8 : x - 8 - width;
      const spots = [[right, y], [left, y], [x - width / 2, y - 12], [x - width / 2, y + 16]]
        .map(([lx, ly]) => ({ x: Math.max(4, Math.min(lx, 396 - width)), y: Math.max(12, Math.min(ly, 256)) }));
      const free = spots.map(p => ({ x: p.x, y: p.y - 10, w: width, h: 13 }))
        .find(box => !placed.some(b => box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h));
      if (!free) { return; }
      placed.push(free);
      add('text', Object.assign({ x: free.x, y: free.y + 10, 'font-size': 11 }, attrs || {}), text);
    };
    add('circle', { cx: 200, cy: 130, r: 9, fill: '#c81e1e' });
    label(203, 126, 'resident', { 'font-size': 12, 'font-weight': 700 });
    near.sort((x, y) => offered.has(y.p.id) - offered.has(x.p.id)).forEach(o => {
      add('circle', { cx: sx(o.dx), cy: sy(o.dy), r: 6, fill: offered.has(o.p.id) ? '#1f6feb' : '#8a94a6', 'data-provider': o.p.id },
        o.p.name);
      label(sx(o.dx), sy(o.dy) + 4, o.p.name);
    });
    crews.forEach(c => {
      add('rect', { x: sx(c.dx) - 6, y: sy(c.dy) - 6, width: 12, height: 12, fill: '#0a7f3f', 'data-testid': 'crew-position' },
        c.who + ' reported here');
      label(sx(c.dx), sy(c.dy) + 4, c.who + ' (reported)', { fill: '#0a7f3f' });
    });
    add('line', { x1: 10, y1: 250, x2: 10 + 190 / range, y2: 250, stroke: '#1d2330', 'stroke-width': 2 });
    add('text', { x: 12, y: 244, 'font-size': 11 }, '1 km');
    return svg;
  }
  // The last position each crew reported on its way or on arrival, as written in the history.
  function reportedPositions(a) {
    const last = new Map();
    a.history.forEach(h => {
      const m = /reported at (-?\d+\.\d+), (-?\d+\.\d+)/.exec(h.note || '');
      if (m) { last.set(h.actor, { who: h.actor.replace(/^provider:/, ''), lat: Number(m[1]), lon: Number(m[2]) }); }
    });
    return [...last.values()];
  }

  // Optional background tiles (Web Mercator, {z}/{x}/{y}), only when a tile server is configured.
  function addTiles(svg, ns, lat0, lon0, rangeKm, sx, sy) {
    const z = Math.max(1, Math.min(17, Math.round(Math.log2(40075 * Math.cos(lat0 * Math.PI / 180) / (rangeKm * 2)))));
    const n = Math.pow(2, z);
    const tileX = (lon) => (lon + 180) / 360 * n;
    const tileY = (lat) => (1 - Math.log(Math.tan(lat * Math.PI / 180) + 1 / Math.cos(lat * Math.PI / 180)) / Math.PI) / 2 * n;
    const lonOf = (x) => x / n * 360 - 180;
    const latOf = (y) => Math.atan(Math.sinh(Math.PI * (1 - 2 * y / n))) * 180 / Math.PI;
    const k = Math.cos(lat0 * Math.PI / 180);
    const px = (lon) => sx((lon - lon0) * k * 111.2), py = (lat) => sy((lat - lat0) * 111.2);
    const span = rangeKm / 111.2 * 1.5;
    const x0 = Math.floor(tileX(lon0 - span / k)), x1 = Math.floor(tileX(lon0 + span / k));
    const y0 = Math.floor(tileY(lat0 + span)), y1 = Math.floor(tileY(lat0 - span));
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const img = document.createElementNS(ns, 'image');
        const left = px(lonOf(x)), top = py(latOf(y));
        img.setAttribute('href', mapTiles.replace('{z}', z).replace('{x}', x).replace('{y}', y));
        img.setAttribute('x', left);
        img.setAttribute('y', top);
        img.setAttribute('width', px(lonOf(x + 1)) - left);
        img.setAttribute('height', py(latOf(y + 1)) - top);
        img.setAttribute('preserveAspectRatio', 'none');
        img.setAttribute('opacity', '0.8');
        svg.appendChild(img);
      }
    }
  }
})();
