// Shared by the operator console and the provider page: token, API calls, live feed.
'use strict';

const OneKey = (() => {
  const tokenKey = 'onekey.token';

  function token() { return sessionStorage.getItem(tokenKey); }
  function setToken(value) { sessionStorage.setItem(tokenKey, value); }
  function logout() { sessionStorage.removeItem(tokenKey); location.reload(); }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ Authorization: 'Bearer ' + token() }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = new Error(json.detail || json.title || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return json;
  }

  // The live feed: authenticates with its first message, reconnects, and asks for what it missed.
  function feed(onMessage, onStatus) {
    let lastSeq = -1;
    let retry = 1000;
    function connect() {
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws'
        + (lastSeq >= 0 ? '?since=' + lastSeq : '');
      const ws = new WebSocket(url);
      ws.onopen = () => { ws.send(JSON.stringify({ type: 'auth', token: token() })); retry = 1000; onStatus('live'); };
      ws.onmessage = (event) => {
        const message = JSON.parse(event.data);
        if (typeof message.seq === 'number') { lastSeq = Math.max(lastSeq, message.seq); }
        onMessage(message);
      };
      ws.onclose = () => { onStatus('reconnecting'); setTimeout(connect, retry); retry = Math.min(retry * 2, 15000); };
    }
    connect();
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'onclick') { node.addEventListener('click', v); } else if (v !== undefined && v !== null) { node.setAttribute(k, v); }
    });
    children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return node;
  }

  function ago(iso) {
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    return s < 120 ? s + ' s' : Math.round(s / 60) + ' min';
  }

  function countdown(iso) {
    const s = Math.round((Date.parse(iso) - Date.now()) / 1000);
    const abs = Math.abs(s);
    const text = (abs >= 60 ? Math.floor(abs / 60) + ':' + String(abs % 60).padStart(2, '0') : abs + ' s');
    return { text: s < 0 ? '-' + text : text, late: s < 0 };
  }

  // Shows the login form until a token is entered; the token is checked against the API.
  function login(probePath, onReady) {
    const form = document.getElementById('login');
    const app = document.getElementById('app');
    async function tryToken() {
      try {
        await api('GET', probePath);
        form.hidden = true;
        app.hidden = false;
        onReady();
      } catch (e) {
        form.hidden = false;
        app.hidden = true;
        document.getElementById('login-error').textContent = token() ? e.message : '';
      }
    }
    document.getElementById('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      setToken(document.getElementById('token').value.trim());
      tryToken();
    });
    if (token()) { tryToken(); } else { form.hidden = false; }
  }

  return { api, feed, el, ago, countdown, login, logout, token };
})();
