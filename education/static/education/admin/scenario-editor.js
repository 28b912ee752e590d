/*
 * Scenario editor: a choice's "Leads to step" is picked from the scenario's own steps.
 *
 * Each "Leads to step" text box of a scenario's steps (StreamField inputs named
 * "<stream>-N-value-choices-M-value-next_step") gets a select listing the Step IDs in the
 * same stream, refreshed whenever a Step ID is typed and when the select is opened, so new
 * steps show up at once. The text box stays the form's value (hidden), so Wagtail's
 * StreamField code, saving and the server's graph checks work as before; without this
 * script the editor types the ID, and a wrong ID is still refused on submit and publish.
 * Renaming a Step ID renames it in the choices that led to it.
 *
 * Words come from the script tag's data attributes (translated by the server).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var words = {
    choose: (script && script.dataset.choose) || 'Choose the step it leads to',
    missing: (script && script.dataset.missing) || 'no step has this ID',
  };
  var TARGET = /^(.+)-\d+-value-choices-\d+-value-next_step$/;
  var STEP_ID = /^(.+)-\d+-value-step_id$/;

  function streamOf(input) {
    var match = TARGET.exec(input.name) || STEP_ID.exec(input.name);
    return match ? match[1] : null;
  }

  function stepIds(form, stream) {
    var ids = [];
    form.querySelectorAll('input[name$="-value-step_id"]').forEach(function (input) {
      var match = STEP_ID.exec(input.name);
      var value = input.value.trim();
      if (match && match[1] === stream && value && ids.indexOf(value) < 0) {
        ids.push(value);
      }
    });
    return ids;
  }

  function fill(select) {
    var input = select.scenarioInput;
    var current = input.value.trim();
    var ids = stepIds(input.form, streamOf(input));
    select.textContent = '';
    select.add(new Option('— ' + words.choose + ' —', ''));
    ids.forEach(function (id) {
      select.add(new Option(id, id));
    });
    if (current && ids.indexOf(current) < 0) {
      select.add(new Option(current + ' (' + words.missing + ')', current));
    }
    select.value = current;
  }

  function enhance(input) {
    if (input.scenarioSelect || !input.form || !TARGET.test(input.name)) return;
    var select = document.createElement('select');
    select.className = 'scenario-step-target';
    select.scenarioInput = input;
    input.scenarioSelect = select;
    var label = input.id && document.querySelector('label[for="' + input.id + '"]');
    if (label) {
      select.id = input.id + '-choice';
      label.htmlFor = select.id;
    }
    fill(select);
    select.addEventListener('focus', function () { fill(select); });
    select.addEventListener('mousedown', function () { fill(select); });
    select.addEventListener('change', function () {
      input.value = select.value;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    input.hidden = true;
    input.insertAdjacentElement('afterend', select);
  }

  function refreshAll(form) {
    form.querySelectorAll('select.scenario-step-target').forEach(fill);
  }

  function scan(root) {
    (root || document).querySelectorAll('input[name$="-value-next_step"]').forEach(enhance);
  }

  // A Step ID renamed: the choices that led to the old ID follow it.
  document.addEventListener('focusin', function (event) {
    var input = event.target;
    if (input.name && STEP_ID.test(input.name)) input.dataset.previousId = input.value.trim();
  });
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.name || !STEP_ID.test(input.name) || !input.form) return;
    var before = input.dataset.previousId;
    var after = input.value.trim();
    if (before && after && before !== after) {
      input.form.querySelectorAll('input[name$="-value-next_step"]').forEach(function (target) {
        if (streamOf(target) === streamOf(input) && target.value.trim() === before) {
          target.value = after;
        }
      });
    }
    input.dataset.previousId = after;
    refreshAll(input.form);
  });
  document.addEventListener('input', function (event) {
    var input = event.target;
    if (input.name && STEP_ID.test(input.name) && input.form) refreshAll(input.form);
  });

  function start() {
    scan(document);
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        scan(document);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
