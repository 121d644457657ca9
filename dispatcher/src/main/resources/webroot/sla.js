// The supervisor's service-level page: compliance against every target, overall and by group,
// drawn here as bars (no chart library, nothing fetched from elsewhere), and the figures as CSV.
'use strict';

OneKey.slaPage = (() => {
  const { api, el } = OneKey;
  let wired = false;

  function range() {
    const to = new Date();
    const period = document.getElementById('sla-period').value;
    const from = period === 'today' ? new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()))
      : new Date(to.getTime() - Number(period) * 86400000);
    if (from.getTime() >= to.getTime()) { from.setTime(to.getTime() - 1000); }
    return 'from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString())
      + '&groupBy=' + document.getElementById('sla-group').value;
  }

  function open() {
    if (!wired) {
      wired = true;
      document.getElementById('sla-form').addEventListener('submit', (e) => { e.preventDefault(); load(); });
      document.getElementById('sla-csv').onclick = download;
    }
    load();
  }

  function say(text) { document.getElementById('sla-message').textContent = text; }

  async function load() {
    say('loading…');
    try {
      const report = await api('GET', '/api/sla?' + range());
      say('From ' + new Date(report.from).toLocaleString() + ' to ' + new Date(report.to).toLocaleString() + ': '
        + report.total.alerts + ' alert(s). A bar is green when the target is met, red when not; the mark is the target.');
      document.getElementById('sla-overall').replaceChildren(el('h3', {}, 'All alerts'), bars(report.total.targets));
      document.getElementById('sla-groups').replaceChildren(...report.groups.map(g =>
        el('div', { class: 'sla-group', 'data-testid': 'sla-group-row' }, el('h3', {}, 'By ' + report.groupBy + ': ' + g.key),
          bars(g.targets))));
    } catch (e) {
      say(e.status === 403 ? 'The service-level report is for supervisors: sign in with a supervisor token.' : e.message);
      document.getElementById('sla-overall').replaceChildren();
      document.getElementById('sla-groups').replaceChildren();
    }
  }

  function name(t) {
    const within = t.withinSeconds >= 120 ? Math.round(t.withinSeconds / 60) + ' min' : t.withinSeconds + ' s';
    return t.target.replace(/_/g, ' ') + ' ' + t.priority + ' within ' + within;
  }

  // One bar per target: the share met, the target as a mark, and the counts it rests on.
  function bars(targets) {
    const judged = targets.filter(t => t.judged > 0);
    if (!judged.length) { return el('p', { class: 'muted' }, 'No alert could be judged in this period yet.'); }
    const ns = 'http://www.w3.org/2000/svg';
    const rowHeight = 22, width = 800, barLeft = 230, barWidth = 300;
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'sla-chart');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (judged.length * rowHeight + 4));
    const add = (tag, attrs, text) => {
      const n = document.createElementNS(ns, tag);
      Object.entries(attrs).forEach(([k, v]) => n.setAttribute(k, v));
      if (text) { n.textContent = text; }
      svg.appendChild(n);
      return n;
    };
    judged.forEach((t, i) => {
      const y = i * rowHeight + 4;
      const met = t.compliance >= t.objective;
      add('text', { x: 0, y: y + 13, 'font-size': 12 }, name(t));
      add('rect', { x: barLeft, y, width: barWidth, height: 16, fill: '#e1e4ea' });
      add('rect', { x: barLeft, y, width: Math.max(1, barWidth * t.compliance), height: 16, fill: met ? '#0a7f3f' : '#c81e1e',
        'data-testid': 'sla-bar', 'data-target': t.target, 'data-met': String(met) });
      add('line', { x1: barLeft + barWidth * t.objective, x2: barLeft + barWidth * t.objective, y1: y - 2, y2: y + 18,
        stroke: '#1d2330', 'stroke-width': 2 });
      add('text', { x: barLeft + barWidth + 8, y: y + 13, 'font-size': 12, 'font-weight': met ? 400 : 700 },
        (t.compliance * 100).toFixed(1) + ' % of ' + t.judged + ' (target ' + (t.objective * 100).toFixed(1) + ' %)');
    });
    return svg;
  }

  async function download() {
    try {
      const response = await fetch('/api/sla?' + range() + '&format=csv', { headers: { Authorization: 'Bearer ' + OneKey.token() } });
      if (!response.ok) { throw new Error(response.status === 403 ? 'The report is for supervisors.' : 'HTTP ' + response.status); }
      const url = URL.createObjectURL(await response.blob());
      const link = el('a', { href: url, download: 'onekey-sla.csv' });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) { say(e.message); }
  }

  return { open };
})();
