/* Runs site/static/js/reach.js in a bare stand-in of a browser page (Node's vm) and prints
   what it queued and stored, and the address it left: for tests/campaigns/test_beacon_script.py.
   Usage: node run_reach.js <reach.js> '<json: {href, referrer, session}>' */
"use strict";
const fs = require("fs");
const vm = require("vm");
const [scriptPath, input] = process.argv.slice(2);
const given = JSON.parse(input);
const url = new URL(given.href);

function storage(initial) {
  const data = Object.assign({}, initial || {});
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => { data[k] = String(v); },
    removeItem: (k) => { delete data[k]; },
  };
}
const local = storage(), session = storage(given.session);
const root = { getAttribute: (name) => (name === "data-reach-page" ? "42" : null) };
const replaced = [];
const location = {
  get search() { return url.search; }, get pathname() { return url.pathname; },
  get hash() { return url.hash; }, get hostname() { return url.hostname; },
};
const document = {
  referrer: given.referrer || "", visibilityState: "visible",
  querySelector: (sel) => (sel === "[data-reach-page]" ? root : null),
  querySelectorAll: () => [], addEventListener: () => {},
};
const window = {
  localStorage: local, sessionStorage: session, fetch: () => new Promise(() => {}),
  JSON, crypto: require("crypto").webcrypto, addEventListener: () => {},
};
const sandbox = {
  window, document, location, navigator: {}, JSON, URL, URLSearchParams, Blob,
  crypto: window.crypto, localStorage: local, sessionStorage: session,
  history: { state: null, replaceState: (_s, _t, to) => { replaced.push(to); url.href = new URL(to, url).href; } },
  setTimeout: () => 0, clearTimeout: () => {}, setInterval: () => 0, clearInterval: () => {},
  fetch: window.fetch,
};
window.document = document;
vm.runInNewContext(fs.readFileSync(scriptPath, "utf8"), sandbox);
process.stdout.write(JSON.stringify({
  queue: JSON.parse(local.getItem("scamsense:reach-queue") || "[]"),
  session: session.data, replaced,
}));
